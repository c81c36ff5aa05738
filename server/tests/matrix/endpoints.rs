//! The authorisation matrix's endpoints: every server function that acts on someone's behalf,
//! the action it performs, and how to call it.

use app::domain::auth::Action;

#[derive(Clone, Copy, Debug)]
pub enum Method {
    Get,
    Post,
}

/// One server function, the action it performs, and how to call it.
pub struct Endpoint {
    pub name: &'static str,
    pub action: Action,
    pub method: Method,
    pub path: &'static str,
    /// Aimed at a partnership (own or other) rather than the Trust.
    pub partnership_scoped: bool,
}

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "overview",
        action: Action::ViewPartnerships,
        method: Method::Get,
        path: "/api/partnerships/overview",
        partnership_scoped: false,
    },
    Endpoint {
        name: "my account",
        action: Action::ViewOwnAccount,
        method: Method::Get,
        path: "/api/account",
        partnership_scoped: false,
    },
    Endpoint {
        name: "change password",
        action: Action::ChangeOwnPassword,
        method: Method::Post,
        path: "/api/account/password",
        partnership_scoped: false,
    },
    Endpoint {
        name: "list people",
        action: Action::ManagePeople,
        method: Method::Get,
        path: "/api/admin/people",
        partnership_scoped: false,
    },
    Endpoint {
        name: "get person",
        action: Action::ManagePeople,
        method: Method::Get,
        path: "/api/admin/person",
        partnership_scoped: false,
    },
    Endpoint {
        name: "create person",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/create",
        partnership_scoped: false,
    },
    Endpoint {
        name: "grant role",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/grant-role",
        partnership_scoped: false,
    },
    Endpoint {
        name: "revoke role",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/revoke-role",
        partnership_scoped: false,
    },
    Endpoint {
        name: "set status",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/set-status",
        partnership_scoped: false,
    },
    Endpoint {
        name: "set password",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/set-password",
        partnership_scoped: false,
    },
    Endpoint {
        name: "audit trail",
        action: Action::ViewAuditTrail,
        method: Method::Get,
        path: "/api/audit/events",
        partnership_scoped: false,
    },
    Endpoint {
        name: "partnership history",
        action: Action::ViewPartnershipHistory,
        method: Method::Get,
        path: "/api/audit/partnership",
        partnership_scoped: true,
    },
    Endpoint {
        name: "plans for year",
        action: Action::ViewAllPlans,
        method: Method::Get,
        path: "/api/plans/year",
        partnership_scoped: false,
    },
    trust_endpoint(
        "dashboard",
        Action::ViewDashboard,
        Method::Get,
        "/api/dashboard",
    ),
    trust_endpoint(
        "dashboard detail",
        Action::ViewDashboard,
        Method::Get,
        "/api/dashboard/detail",
    ),
    trust_endpoint(
        "spine",
        Action::ViewDashboard,
        Method::Get,
        "/api/dashboard/spine",
    ),
    trust_endpoint(
        "exceptions",
        Action::ViewDashboard,
        Method::Get,
        "/api/dashboard/exceptions",
    ),
    trust_endpoint(
        "list indicators",
        Action::ManageCatalogue,
        Method::Get,
        "/api/admin/indicators",
    ),
    trust_endpoint(
        "get indicator",
        Action::ManageCatalogue,
        Method::Get,
        "/api/admin/indicator",
    ),
    trust_endpoint(
        "save indicator",
        Action::ManageCatalogue,
        Method::Post,
        "/api/admin/indicators/save",
    ),
    trust_endpoint(
        "list imports",
        Action::ImportData,
        Method::Get,
        "/api/admin/imports",
    ),
    trust_endpoint(
        "get import",
        Action::ImportData,
        Method::Get,
        "/api/admin/import",
    ),
    trust_endpoint(
        "set mapping",
        Action::ImportData,
        Method::Post,
        "/api/admin/import/mapping",
    ),
    trust_endpoint(
        "run import",
        Action::ImportData,
        Method::Post,
        "/api/admin/import/run",
    ),
    trust_endpoint("map", Action::ViewMap, Method::Get, "/api/map"),
    trust_endpoint("map panel", Action::ViewMap, Method::Get, "/api/map/panel"),
    trust_endpoint(
        "public map panel",
        Action::ViewPublicMap,
        Method::Get,
        "/api/public/map/panel",
    ),
    trust_endpoint(
        "import progress",
        Action::ImportData,
        Method::Get,
        "/api/admin/import/progress",
    ),
    trust_endpoint(
        "partnership areas",
        Action::ImportData,
        Method::Post,
        "/api/admin/map/areas",
    ),
    trust_endpoint(
        "public map",
        Action::ViewPublicMap,
        Method::Get,
        "/api/public/map",
    ),
    trust_endpoint(
        "map settings",
        Action::ImportData,
        Method::Get,
        "/api/admin/map",
    ),
    trust_endpoint(
        "publish map",
        Action::ImportData,
        Method::Post,
        "/api/admin/map/publish",
    ),
    plan_endpoint(
        "plan page",
        Action::ViewPlan,
        Method::Get,
        "/api/plans/page",
    ),
    plan_endpoint(
        "actions table",
        Action::ViewPlan,
        Method::Get,
        "/api/plans/actions",
    ),
    plan_endpoint(
        "partnership plans",
        Action::ViewPlan,
        Method::Get,
        "/api/plans/partnership",
    ),
    plan_endpoint(
        "compare",
        Action::ViewPlan,
        Method::Get,
        "/api/plans/compare",
    ),
    plan_endpoint(
        "start plan",
        Action::EditPlan,
        Method::Post,
        "/api/plans/start",
    ),
    plan_endpoint(
        "save about",
        Action::EditPlan,
        Method::Post,
        "/api/plans/about",
    ),
    plan_endpoint(
        "add priority",
        Action::EditPlan,
        Method::Post,
        "/api/plans/priority/add",
    ),
    plan_endpoint(
        "save priority",
        Action::EditPlan,
        Method::Post,
        "/api/plans/priority/save",
    ),
    plan_endpoint(
        "remove priority",
        Action::EditPlan,
        Method::Post,
        "/api/plans/priority/remove",
    ),
    plan_endpoint(
        "save measure",
        Action::EditPlan,
        Method::Post,
        "/api/plans/measure/save",
    ),
    plan_endpoint(
        "remove measure",
        Action::EditPlan,
        Method::Post,
        "/api/plans/measure/remove",
    ),
    plan_endpoint(
        "save action",
        Action::EditPlan,
        Method::Post,
        "/api/plans/action/save",
    ),
    plan_endpoint(
        "remove action",
        Action::EditPlan,
        Method::Post,
        "/api/plans/action/remove",
    ),
    plan_endpoint(
        "young people",
        Action::EditPlan,
        Method::Post,
        "/api/plans/young-people",
    ),
    plan_endpoint(
        "submit",
        Action::SubmitPlan,
        Method::Post,
        "/api/plans/submit",
    ),
    plan_endpoint(
        "decide",
        Action::DecidePlan,
        Method::Post,
        "/api/plans/decide",
    ),
    plan_endpoint(
        "comment",
        Action::CommentOnPlan,
        Method::Post,
        "/api/plans/comment",
    ),
    plan_endpoint(
        "amend",
        Action::SubmitPlan,
        Method::Post,
        "/api/plans/amend",
    ),
    trust_endpoint(
        "assessment report",
        Action::ViewAssessmentReport,
        Method::Get,
        "/api/assessments/report",
    ),
    trust_endpoint(
        "standards",
        Action::ManageStandards,
        Method::Get,
        "/api/admin/standards",
    ),
    trust_endpoint(
        "set up standards",
        Action::ManageStandards,
        Method::Post,
        "/api/admin/standards/set-up",
    ),
    trust_endpoint(
        "save scale",
        Action::ManageStandards,
        Method::Post,
        "/api/admin/standards/scale",
    ),
    trust_endpoint(
        "save standard definition",
        Action::ManageStandards,
        Method::Post,
        "/api/admin/standards/save",
    ),
    trust_endpoint(
        "remove standard",
        Action::ManageStandards,
        Method::Post,
        "/api/admin/standards/remove",
    ),
    plan_endpoint(
        "assessment page",
        Action::ViewAssessment,
        Method::Get,
        "/api/assessments/page",
    ),
    plan_endpoint(
        "partnership assessments",
        Action::ViewAssessment,
        Method::Get,
        "/api/assessments/partnership",
    ),
    plan_endpoint(
        "start assessment",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/start",
    ),
    plan_endpoint(
        "save standard answer",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/standard",
    ),
    plan_endpoint(
        "add figure",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/figure/add",
    ),
    plan_endpoint(
        "remove figure",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/figure/remove",
    ),
    plan_endpoint(
        "save summary",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/summary",
    ),
    plan_endpoint(
        "save review",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/review",
    ),
    plan_endpoint(
        "save answers",
        Action::EditAssessment,
        Method::Post,
        "/api/assessments/answers",
    ),
    plan_endpoint(
        "submit assessment",
        Action::SubmitAssessment,
        Method::Post,
        "/api/assessments/submit",
    ),
    plan_endpoint(
        "moderate",
        Action::ModerateAssessment,
        Method::Post,
        "/api/assessments/moderate",
    ),
];

const fn trust_endpoint(
    name: &'static str,
    action: Action,
    method: Method,
    path: &'static str,
) -> Endpoint {
    Endpoint {
        name,
        action,
        method,
        path,
        partnership_scoped: false,
    }
}

const fn plan_endpoint(
    name: &'static str,
    action: Action,
    method: Method,
    path: &'static str,
) -> Endpoint {
    Endpoint {
        name,
        action,
        method,
        path,
        partnership_scoped: true,
    }
}
