//! sea-orm entities, one per table. They are plain rows; meaning lives in `kith-domain` and
//! the query modules of this crate.

pub mod api_token;
pub mod app_lock;
pub mod app_user;
pub mod audit_log;
pub mod child;
pub mod child_known_option;
pub mod child_need;
pub mod child_unsuitable_option;
pub mod goal;
pub mod goal_progress;
pub mod job_run;
pub mod login_attempt;
pub mod need;
pub mod network_person;
pub mod option_competence;
pub mod outbox_email;
pub mod placement;
pub mod placement_adviser_change;
pub mod placement_consultant_change;
pub mod placement_option;
pub mod plan_review;
pub mod plan_review_goal;
pub mod proposal;
pub mod proposal_child;
pub mod rule_set;
pub mod session;
pub mod sibling_group;
pub mod staff_capacity;
pub mod staff_day_off;
pub mod stay_extension;
pub mod unit;
pub mod unit_member;
pub mod user_role;
pub mod visit;
pub mod visit_follow_up;
