use super::*;
use proptest::prelude::*;

const ACTIVE: Account = Account {
    user_id: 7,
    active: true,
};
const DISABLED: Account = Account {
    user_id: 7,
    active: false,
};

use EmailClaim::{Missing, Unverified, Verified};

fn by_email(account: Account, linked_here: bool) -> Option<ByEmail> {
    Some(ByEmail {
        account,
        linked_here,
    })
}

#[test]
fn a_linked_person_signs_in_to_their_account_whatever_the_address_says() {
    use FirstSignIn::*;
    for rule in [AdminCreated, Provision] {
        assert_eq!(
            decide(Some(ACTIVE), None, Missing, rule),
            AccountDecision::SignIn(7)
        );
        // Another account now has the address the provider sends: the subject decides.
        let other = Account {
            user_id: 9,
            active: true,
        };
        assert_eq!(
            decide(Some(ACTIVE), by_email(other, false), Verified, rule),
            AccountDecision::SignIn(7)
        );
    }
}

#[test]
fn a_disabled_account_stays_shut_whatever_the_provider_says() {
    for rule in [FirstSignIn::AdminCreated, FirstSignIn::Provision] {
        assert_eq!(
            decide(Some(DISABLED), None, Verified, rule),
            AccountDecision::Refuse(Refusal::Disabled)
        );
        assert_eq!(
            decide(None, by_email(DISABLED, false), Verified, rule),
            AccountDecision::Refuse(Refusal::Disabled)
        );
    }
}

#[test]
fn the_first_sign_in_finds_the_account_an_administrator_made_by_a_vouched_address() {
    assert_eq!(
        decide(
            None,
            by_email(ACTIVE, false),
            Verified,
            FirstSignIn::AdminCreated
        ),
        AccountDecision::Link(7)
    );
    // Not vouched for: the address could be anyone's, whether or not an account has it.
    for found in [by_email(ACTIVE, false), None] {
        assert_eq!(
            decide(None, found, Unverified, FirstSignIn::AdminCreated),
            AccountDecision::Refuse(Refusal::UnverifiedEmail)
        );
    }
    // Already another person's at this provider: never two people on one account.
    assert_eq!(
        decide(
            None,
            by_email(ACTIVE, true),
            Verified,
            FirstSignIn::AdminCreated
        ),
        AccountDecision::Refuse(Refusal::LinkedElsewhere)
    );
    // No address at all.
    assert_eq!(
        decide(None, None, Missing, FirstSignIn::Provision),
        AccountDecision::Refuse(Refusal::NoEmail)
    );
}

#[test]
fn an_unknown_person_gets_an_account_only_where_a_rule_says_so() {
    assert_eq!(
        decide(None, None, Verified, FirstSignIn::AdminCreated),
        AccountDecision::Refuse(Refusal::UnknownSubject)
    );
    assert_eq!(
        decide(None, None, Verified, FirstSignIn::Provision),
        AccountDecision::Provision
    );
    // Not with an address the provider does not vouch for: Kith's e-mails would go to it.
    assert_eq!(
        decide(None, None, Unverified, FirstSignIn::Provision),
        AccountDecision::Refuse(Refusal::UnverifiedEmail)
    );
    // The address is taken by an account the provider does not vouch for: no second account.
    assert_eq!(
        decide(
            None,
            by_email(ACTIVE, false),
            Unverified,
            FirstSignIn::Provision
        ),
        AccountDecision::Refuse(Refusal::UnverifiedEmail)
    );
}

fn rules() -> ClaimRules {
    ClaimRules {
        claim: "groups".into(),
        roles: vec![
            ("sg-kith-raadgivere".into(), Role::Adviser),
            ("sg-kith-ledere".into(), Role::Leader),
            ("sg-born-familie".into(), Role::Adviser),
        ],
        units: vec![
            ("sg-born-familie".into(), "Familieteam Nord".into()),
            ("sg-kith-ledere".into(), "Familieteam Nord".into()),
            ("sg-plejefamilier".into(), "Plejefamilieteamet".into()),
        ],
    }
}

#[test]
fn groups_give_each_role_and_unit_once() {
    let groups: Vec<String> = ["sg-kith-raadgivere", "sg-born-familie", "alle-ansatte"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        rules().access(&groups),
        ClaimedAccess {
            roles: vec![Role::Adviser],
            unit_names: vec!["Familieteam Nord".into()],
        }
    );
    let leader: Vec<String> = ["sg-kith-ledere", "sg-plejefamilier"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        rules().access(&leader),
        ClaimedAccess {
            roles: vec![Role::Leader],
            unit_names: vec!["Familieteam Nord".into(), "Plejefamilieteamet".into()],
        }
    );
    assert_eq!(rules().access(&[]), ClaimedAccess::default());
    assert!(rules().access(&groups).gives_a_role());
    assert!(!rules().access(&[]).gives_a_role(), "no role, no way in");
    let both = ClaimedAccess {
        roles: vec![Role::Admin, Role::Adviser],
        unit_names: vec![],
    };
    assert!(!both.gives_a_role(), "an administrator does not read cases");
}

#[test]
fn a_person_reads_what_to_do_and_the_log_reads_the_check() {
    let all = [
        Refusal::StateMismatch,
        Refusal::UnknownState,
        Refusal::IssuerMismatch,
        Refusal::ProviderRefused,
        Refusal::CodeRejected,
        Refusal::WrongIssuer,
        Refusal::WrongAudience,
        Refusal::Expired,
        Refusal::BadSignature,
        Refusal::UnknownKey,
        Refusal::NonceMismatch,
        Refusal::BadToken,
        Refusal::UnknownSubject,
        Refusal::LinkedElsewhere,
        Refusal::UnverifiedEmail,
        Refusal::NoEmail,
        Refusal::Disabled,
        Refusal::NoRole,
        Refusal::Unavailable,
    ];
    let mut codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), all.len(), "each check its own code");
    let mut keys: Vec<&str> = all.iter().map(|r| r.message_key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 7);
    assert_eq!(
        Refusal::LinkedElsewhere.message_key(),
        Refusal::UnknownSubject.message_key(),
        "nobody is told that an account with the address exists"
    );
    assert_eq!(Refusal::BadSignature.message_key(), "login.refused_failed");
}

proptest! {
    /// Whatever the provider sends, a disabled account is never signed in or linked, and an
    /// account already someone else's at the provider is never linked again.
    #[test]
    fn no_decision_opens_a_disabled_or_taken_account(
        linked in proptest::option::of((1i64..5, any::<bool>())),
        by in proptest::option::of((1i64..5, any::<bool>(), any::<bool>())),
        email in prop_oneof![Just(Missing), Just(Unverified), Just(Verified)],
        provision in any::<bool>(),
    ) {
        let rule = if provision { FirstSignIn::Provision } else { FirstSignIn::AdminCreated };
        let linked = linked.map(|(user_id, active)| Account { user_id, active });
        let by = by.map(|(user_id, active, linked_here)| ByEmail {
            account: Account { user_id, active },
            linked_here,
        });
        match decide(linked, by, email, rule) {
            AccountDecision::SignIn(id) => {
                let l = linked.expect("signs in only to a linked account");
                prop_assert!(l.active && l.user_id == id);
            }
            AccountDecision::Link(id) => {
                prop_assert!(linked.is_none() && email == Verified);
                let b = by.expect("links only an account found");
                prop_assert!(b.account.active && !b.linked_here && b.account.user_id == id);
            }
            AccountDecision::Provision => {
                prop_assert!(provision && linked.is_none() && by.is_none() && email == Verified);
            }
            AccountDecision::Refuse(_) => {}
        }
    }
}
