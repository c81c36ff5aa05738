//! Partner organisations: the relevant partners under the Children Act 2004 and others.

use super::text_enum::text_enum;

text_enum!(
    OrganisationType, "organisation type" {
        CountyCouncil => "county_council", "County council",
        DistrictCouncil => "district_council", "District council",
        School => "school", "School",
        College => "college", "College",
        EarlyYears => "early_years", "Early years provider",
        Health => "health", "Health",
        Police => "police", "Police",
        Probation => "probation", "Probation and youth justice",
        JobcentrePlus => "jobcentre_plus", "Jobcentre Plus",
        Housing => "housing", "Housing",
        VoluntarySector => "voluntary_sector", "Voluntary sector",
        Other => "other", "Other",
    }
);
