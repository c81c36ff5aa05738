//! What is due from whom, and when: the business cycle turned into each person's list.
