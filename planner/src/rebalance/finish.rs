//! After the search: keep the best plan both checkers accept, explain what is left out, and
//! say what changed.

use super::current::Key;
use super::diff::{self, Diff, Sides};
use super::explain::{NotPlaced, explain};
use super::prepare::{Context, within};
use super::search::{self, Outcome};
use super::setup::{Role, Setup};
use super::{Change, RebalanceError, RebalanceOptions, Rebalanced};
use crate::tr;
use crate::week::check::{self, Violation};
use crate::week::model::Scenario;
use crate::week::plan::{Plan, Reason};
use crate::week::roads::Roads;

pub(super) fn run(
    plan: &Plan,
    change: &Change,
    roads: &Roads,
    opts: &RebalanceOptions,
) -> Result<Rebalanced, RebalanceError> {
    within(plan, change, roads, opts, |cx| {
        let outcomes = search::search(&cx.setup, &cx.refs, opts);
        let best = pick(&cx.setup, &outcomes, &cx.edited.scenario, cx.roads)?;
        let not_planned = not_planned(cx, best);
        let new_plan = polish(&cx.setup, best, plan);
        let diff = describe(&cx.setup, plan, &new_plan, change, not_planned);
        Ok(Rebalanced {
            plan: new_plan,
            diff,
            scenario: cx.edited.scenario.clone(),
        })
    })
}

/// The best outcome the week's checker accepts (a permanence that could not be held again
/// is the one rule it may break, and the diff says so).
fn pick<'o>(
    setup: &Setup<'_>,
    outcomes: &'o [Outcome],
    s: &Scenario,
    roads: &Roads,
) -> Result<&'o Outcome, RebalanceError> {
    let mut last = Vec::new();
    for o in outcomes {
        let dropped: Vec<&str> = (0..setup.roles.len())
            .filter(|&j| setup.roles[j].to_place() && !o.served(j) && !setup.keys[j].is_personal())
            .map(|j| setup.keys[j].id())
            .collect();
        let v: Vec<Violation> = check::check(s, &o.plan, &|p| roads.travel(p))
            .into_iter()
            .filter(|v| {
                !(v.rule == "R05" && v.subject.as_deref().is_some_and(|x| dropped.contains(&x)))
            })
            .collect();
        if v.is_empty() {
            return Ok(o);
        }
        last = v;
    }
    Err(RebalanceError::Internal(format!(
        "no rebalanced plan passes the checker: {}",
        super::prepare::render(&last).join("; ")
    )))
}

fn not_planned(cx: &Context<'_>, best: &Outcome) -> Vec<NotPlaced> {
    let (setup, edited) = (&cx.setup, cx.edited);
    let mut out: Vec<NotPlaced> = best
        .plan
        .unplanned
        .iter()
        .filter(|u| edited.new_people.contains(&u.id) || edited.new_escorts.contains(&u.id))
        .filter(|u| u.reasons.iter().any(|r| r.code == "U01" || r.code == "U11"))
        .map(|u| NotPlaced {
            kind: u.kind.clone(),
            id: u.id.clone(),
            occurrence: u.occurrence,
            reasons: u.reasons.clone(),
            suggestions: Vec::new(),
        })
        .collect();
    for j in (0..setup.roles.len()).filter(|&j| setup.roles[j].to_place() && !best.served(j)) {
        if let (Role::Cancelled { day }, Key::Escort { id }) = (&setup.roles[j], &setup.keys[j]) {
            out.push(NotPlaced {
                kind: "escort".into(),
                id: id.clone(),
                occurrence: None,
                reasons: vec![cancelled_reason(setup, *day)],
                suggestions: Vec::new(),
            });
            continue;
        }
        let mut n = explain(setup, best, &cx.refs, cx.opts, j);
        if let Role::Cancelled { day } = setup.roles[j] {
            n.reasons.insert(0, cancelled_reason(setup, day));
        }
        out.push(n);
    }
    out
}

fn cancelled_reason(setup: &Setup<'_>, day: usize) -> Reason {
    let (fr, en) = diff::day_words(setup.inst.horizon.date(day));
    Reason {
        code: "U12".into(),
        text: tr!(
            "annulé par la personne {fr}",
            "cancelled by the person {en}"
        ),
    }
}

/// The new plan as written: the locks kept, the reasons of requests left out as before, the
/// cancelled and postponed ones said, the week's objective as its cost.
fn polish(setup: &Setup<'_>, best: &Outcome, old: &Plan) -> Plan {
    let mut plan = best.plan.clone();
    plan.cost = crate::engine::cost(&setup.base, &best.solution).total.0;
    let locked: Vec<(Option<String>, Option<usize>, usize)> = old
        .days
        .iter()
        .flat_map(|d| {
            d.stops
                .iter()
                .filter(|x| x.locked)
                .map(|x| (x.id.clone(), x.occurrence, d.day))
        })
        .collect();
    for d in &mut plan.days {
        for x in &mut d.stops {
            x.locked = x.id.is_some() && locked.contains(&(x.id.clone(), x.occurrence, d.day));
        }
    }
    let postponed_for: Vec<String> = (0..setup.roles.len())
        .filter(|&j| setup.roles[j].to_place() && best.served(j))
        .map(|j| setup.keys[j].id().to_string())
        .collect();
    for u in &mut plan.unplanned {
        let key = match u.kind.as_str() {
            "visit" => Key::Visit {
                id: u.id.clone(),
                occurrence: u.occurrence.unwrap_or(0),
            },
            "escort" => Key::Escort { id: u.id.clone() },
            _ => continue,
        };
        let Some(j) = setup.keys.iter().position(|k| *k == key) else {
            continue;
        };
        match &setup.roles[j] {
            Role::Out => {
                if let Some(before) = old
                    .unplanned
                    .iter()
                    .find(|o| o.kind == u.kind && o.id == u.id && o.occurrence == u.occurrence)
                {
                    *u = before.clone();
                }
            }
            Role::Cancelled { day } => u.reasons.insert(0, cancelled_reason(setup, *day)),
            Role::Held { .. } => {
                let ids = postponed_for.join(", ");
                u.reasons = vec![Reason {
                    code: "U13".into(),
                    text: tr!(
                        "reporté pour faire de la place à {ids}",
                        "postponed to make room for {ids}"
                    ),
                }];
            }
            _ => {}
        }
    }
    plan
}

fn describe(
    setup: &Setup<'_>,
    old: &Plan,
    new: &Plan,
    change: &Change,
    not_planned: Vec<NotPlaced>,
) -> Diff {
    let pick = |f: &dyn Fn(&Role) -> bool| -> Vec<Key> {
        (0..setup.roles.len())
            .filter(|&j| f(&setup.roles[j]))
            .map(|j| setup.keys[j].clone())
            .collect()
    };
    let added = pick(&|r| *r == Role::New);
    let cancelled = pick(&|r| matches!(r, Role::Cancelled { .. }));
    let postponed = pick(&|r| matches!(r, Role::Held { .. }));
    diff::build(
        &Sides {
            old,
            new,
            tolerance_s: setup.tolerance.0,
            removed: &change.remove,
            added: &added,
            cancelled: &cancelled,
            postponed: &postponed,
        },
        not_planned,
    )
}
