//! The case page's own small forms: the network, siblings, unsuitable and known options. Each
//! change answers with the case page again (with the problem next to its form on a mistake).

use super::*;

/// A person added to the network, as typed (the address only; coordinates come later).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct NetworkFields {
    name: String,
    relation: String,
    place_address: String,
    approval_status: String,
}

const NETWORK: Shape = Shape {
    keep_blank: &["name", "relation"],
    places: &["place"],
    ..Shape::PLAIN
};

/// One record of the network search as typed: who, when, what came of it, why, and the next
/// step with its day.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct AskFields {
    network_person_id: String,
    asked_on: String,
    outcome: String,
    reason: String,
    next_step: String,
    next_step_on: String,
}

impl AskFields {
    /// A field as typed, for the form shown again.
    pub(super) fn value(&self, field: &str) -> &str {
        match field {
            "network_person_id" => &self.network_person_id,
            "asked_on" => &self.asked_on,
            "outcome" => &self.outcome,
            "reason" => &self.reason,
            "next_step" => &self.next_step,
            "next_step_on" => &self.next_step_on,
            _ => "",
        }
    }
}

const ASK: Shape = Shape {
    numbers: &["network_person_id"],
    ..Shape::PLAIN
};

/// Another child to link as a sibling, by its number.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct SiblingFields {
    sibling_id: String,
}

const SIBLING: Shape = Shape {
    numbers: &["sibling_id"],
    ..Shape::PLAIN
};

/// An option found unsuitable, by its number, and why.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct UnsuitableFields {
    option_id: String,
    reason: String,
}

const UNSUITABLE: Shape = Shape {
    numbers: &["option_id"],
    keep_blank: &["reason"],
    ..Shape::PLAIN
};

/// An option the child knows, by its number (the address of the change), and how.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct KnownFields {
    #[serde(skip_serializing)]
    option_id: String,
    how: String,
}

const KNOWN: Shape = Shape {
    keep_blank: &["how"],
    ..Shape::PLAIN
};

pub(super) async fn add_network(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<NetworkFields>,
) -> PageResult {
    let result = and_then(NETWORK.input(&f, |_| {}), |i: NetworkPersonInput| {
        kith_app::children::add_network_person(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn remove_network(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, person)): Path<(i64, i64)>,
) -> PageResult {
    let person = NetworkPersonId(person);
    let result =
        kith_app::children::remove_network_person(s.app(), &actor, ChildId(id), person).await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn link_sibling(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<SiblingFields>,
) -> PageResult {
    let result = and_then(SIBLING.input(&f, |_| {}), |i: SiblingLinkInput| {
        kith_app::children::link_sibling(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn unlink_sibling(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
) -> PageResult {
    let result = kith_app::children::unlink_sibling(s.app(), &actor, ChildId(id)).await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn set_unsuitable(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<UnsuitableFields>,
) -> PageResult {
    let result = and_then(UNSUITABLE.input(&f, |_| {}), |i: UnsuitableInput| {
        kith_app::children::set_unsuitable(s.app(), &actor, ChildId(id), i)
    })
    .await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn remove_unsuitable(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, option)): Path<(i64, i64)>,
) -> PageResult {
    let option = PlacementOptionId(option);
    let result = kith_app::children::remove_unsuitable(s.app(), &actor, ChildId(id), option).await;
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn set_known(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<KnownFields>,
) -> PageResult {
    let result = match f.option_id.trim().parse::<i64>() {
        Ok(o) => {
            and_then(KNOWN.input(&f, |_| {}), |i: KnownOptionInput| {
                kith_app::children::set_known(s.app(), &actor, ChildId(id), PlacementOptionId(o), i)
            })
            .await
        }
        Err(_) => Err(AppError::invalid("option_id", "problem.option_number")),
    };
    case_change(&s, &actor, ctx, id, result).await
}

pub(super) async fn remove_known(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path((id, option)): Path<(i64, i64)>,
) -> PageResult {
    let option = PlacementOptionId(option);
    let result = kith_app::children::remove_known(s.app(), &actor, ChildId(id), option).await;
    case_change(&s, &actor, ctx, id, result).await
}

/// Records one step of the network search; a refusal shows the case page again with the
/// record as typed and each problem beside its field.
pub(super) async fn record_network_ask(
    State(s): State<AppState>,
    PageActor { actor, ctx }: PageActor,
    Path(id): Path<i64>,
    Form(f): Form<AskFields>,
) -> PageResult {
    let result = and_then(ASK.input(&f, |_| {}), |i: NetworkAskInput| {
        kith_app::children::record_network_ask(s.app(), &actor, ChildId(id), i)
    })
    .await;
    match result {
        Ok(_) => Ok(see_other(&format!("/children/{id}#network-search"))),
        Err(e) => {
            let problems: Vec<FormProblem> = form_problems(&ctx, e)?
                .into_iter()
                .map(|p| {
                    let anchor = format!("ask_{}", p.field);
                    p.at(anchor)
                })
                .collect();
            let child = kith_app::children::get(s.app(), &actor, ChildId(id))
                .await
                .map_err(fail(&ctx))?;
            let mut page = child_page(ctx, child, None, problems);
            page.ask = Some(f);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
