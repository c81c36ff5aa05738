//! The standards a Trust starts with when no earlier year has any: the six of PRODUCT.md, each
//! with what it covers and what every grade looks like. Administrators change them; a new year
//! starts from the year before.

/// The four grades, best first.
pub fn default_scale() -> [String; 4] {
    ["Outstanding", "Good", "Requires improvement", "Inadequate"].map(String::from)
}

/// (title, what it covers, descriptors best first)
type Default = (&'static str, &'static str, [&'static str; 4]);

const STANDARDS: [Default; 6] = [
    (
        "Leadership and governance",
        "How the partnership is led and held to account: its chair, membership, attendance, \
         decision-making and the challenge partners give one another.",
        [
            "Partners share strong, visible leadership; decisions are timely, recorded and followed through; challenge is routine and improves services.",
            "Leadership is clear and membership stable; decisions are recorded and mostly followed through; partners challenge one another.",
            "Leadership depends on a few people; attendance or follow-through is uneven; challenge is rare.",
            "The partnership does not meet or decide effectively; key partners are absent; nobody is held to account.",
        ],
    ),
    (
        "Joint working and integrated delivery",
        "How partners plan and deliver together: shared actions, pooled resources, and services \
         joined up around families.",
        [
            "Partners routinely plan, fund and deliver together; families experience joined-up services; duplication has been removed.",
            "Most actions are shared between partners with clear leads; some resources are pooled.",
            "Partners mostly work separately; joint actions are few or unclear about who leads.",
            "There is little or no joint work; services overlap or leave gaps families fall into.",
        ],
    ),
    (
        "Participation of children and young people",
        "How children, young people and families shape the partnership's priorities and see the \
         difference their views make.",
        [
            "Children and young people help set priorities and review progress; they are told what changed because of what they said.",
            "Children and young people are consulted regularly and their views are reflected in the plan.",
            "Consultation is occasional or reaches few groups; there is little feedback.",
            "Children and young people have no say in the partnership's work.",
        ],
    ),
    (
        "Use of data and needs analysis",
        "How the partnership understands local needs from data and partners' knowledge, and \
         uses it to choose priorities and track progress.",
        [
            "A current, shared needs analysis drives every priority; progress is tracked against baselines and comparators and acted on.",
            "Priorities follow a needs analysis; most measures have baselines and targets that are reviewed.",
            "The needs analysis is dated or partial; measures lack baselines or targets.",
            "Priorities are not based on evidence of need; progress is not measured.",
        ],
    ),
    (
        "Impact on outcomes",
        "The difference the partnership's work makes to children and young people's outcomes, \
         measured against its targets and comparators.",
        [
            "Most targets are met or exceeded and outcomes improve faster than comparators.",
            "Many targets are met or on trajectory; outcomes are improving.",
            "Few targets are met; outcomes are static or improving more slowly than comparators.",
            "Outcomes are worsening and the partnership cannot show its work made a difference.",
        ],
    ),
    (
        "Commissioning and use of resources",
        "How the partnership commissions and de-commissions services and uses pooled and \
         partners' resources for its priorities.",
        [
            "Resources follow priorities; services are commissioned and de-commissioned on evidence of impact; pooled budgets are well used.",
            "Resources are mostly aligned to priorities and commissioning decisions are evidence-based.",
            "Resources are only loosely linked to priorities; commissioning decisions are rarely reviewed.",
            "Resources are not linked to the partnership's priorities.",
        ],
    ),
];

/// The six standards: (title, covers, descriptors best first).
pub fn default_standards() -> Vec<(String, String, [String; 4])> {
    STANDARDS
        .iter()
        .map(|(title, covers, d)| (title.to_string(), covers.to_string(), d.map(String::from)))
        .collect()
}
