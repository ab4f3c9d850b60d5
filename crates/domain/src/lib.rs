//! Kith's domain: the words and rules of placing children well and following them up.
//!
//! This crate is pure. It knows no database, no HTTP, no clock and no async runtime, so every
//! rule here can be tested fast and exhaustively (examples and property tests). Values are
//! parsed at the edge into the types of this crate ("parse, don't validate"): once a `Cpr`,
//! an `AgeRange` or a `NeedLevel` exists, it is valid.

mod macros;

pub mod age;
pub mod agreement;
pub mod allocation;
pub mod approval;
pub mod capacity;
pub mod cover;
pub mod cpr;
pub mod dates;
pub mod document;
pub mod draft;
pub mod email;
pub mod error;
pub mod geo;
pub mod goals;
pub mod ids;
pub mod lang;
pub mod matching;
pub mod metrics;
pub mod need;
pub mod network;
pub mod network_search;
pub mod party;
pub mod placement;
pub mod placement_kind;
pub mod proposal;
pub mod role;
pub mod session;
pub mod sign_in;
pub mod stability_facts;
pub mod target_area;
pub mod text;
pub mod throttle;
pub mod wheel;

pub use age::{AgeRange, age_on};
pub use agreement::AgreementState;
pub use approval::{Approval, ApprovalAuthority, ApprovalStatus};
pub use capacity::free_places;
pub use cpr::Cpr;
pub use email::Email;
pub use error::DomainError;
pub use geo::{Coordinates, Place};
pub use ids::*;
pub use lang::{Bilingual, Lang};
pub use macros::{Code, LifeCycle};
pub use need::{NeedCode, NeedLevel, SEEDED_NEED_CODES};
pub use network::NetworkApprovalStatus;
pub use network_search::{NetworkAskOutcome, SearchState};
pub use party::Party;
pub use placement::{AfterCareDecision, EndReason, ExitGoal, PlacementStatus};
pub use placement_kind::{InstitutionForm, PlacementForm, PlacementKind};
pub use proposal::{ProposalEvent, ProposalStatus};
pub use role::{Role, UnitKind};
pub use target_area::TargetArea;
pub use text::{Arg, Message};
