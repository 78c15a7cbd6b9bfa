//! The radius study for home visits: what widening the territory around the base would cost.
//!
//! For each radius the scenario's territory is set to that radius around the base and the week
//! is planned twice with the weekly planner itself: once with the team's real hours (who no
//! longer fits), once with the hour caps lifted but the same workers, days, pairs, day length
//! and camping-cars (the hours it would take to serve everyone inside). So the figures are what
//! `tournee plan` would do, not an estimate beside it.
//!
//! The radius is a straight line from the base, because that is what a territory
//! `{ radius_km = … }` means to the planner (a person farther is declined, U01): the study
//! answers "what if we wrote radius_km = R". How much of that is reachable by road within R
//! is reported beside it ([`RadiusRow::inside_by_road`]).
//!
//! Hours are worker-hours, as FTE shares count them: a tour of a pair counts twice, from
//! leaving the base to coming back (less the lunch break), plus the weekly blocks counted in the FTE
//! (team meeting). The team's hours are its FTE shares × hours per FTE.

pub mod chart;
pub mod csv;
mod range;

pub use range::StudyRange;

use super::CoverageError;
use crate::week::build::weekly_cap;
use crate::week::calendar::Horizon;
use crate::week::model::{Scenario, Territory};
use crate::week::pipeline::{Planned, plan_weeks};
use crate::week::plan::Plan;
use crate::week::roads::Roads;
use crate::week::solve::SolveOptions;

/// Hours per FTE when the caps are lifted: a whole week, so no weekly cap can bind and only
/// the days, pairs, day length and camping-cars limit the plan.
pub const UNLIMITED_HOURS_PER_FTE: f64 = 7.0 * 24.0;

/// What one plan of the week gives, in the week planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekFigures {
    /// Worker-seconds on tour: both workers of every crew, base to base, less the lunch break.
    pub tour_s: i64,
    /// Worker-seconds at home visits and escorts (both workers).
    pub outreach_s: i64,
    /// Worker-seconds at permanences, set-up and pack-up included (both workers).
    pub permanence_s: i64,
    /// Driving of the camping-car (counted once, not per worker).
    pub drive_s: i64,
    pub distance_m: i64,
    /// Visits and escorts planned, and due (those declined outside the territory excluded).
    pub planned: usize,
    pub due: usize,
}

impl WeekFigures {
    fn of(plan: &Plan) -> WeekFigures {
        let t = &plan.totals;
        WeekFigures {
            tour_s: plan.workers.iter().map(|w| w.planned_s).sum(),
            outreach_s: 2 * t.outreach_s,
            permanence_s: 2 * t.permanence_s,
            drive_s: t.drive_s,
            distance_m: t.distance_m,
            planned: t.visits_planned + t.escorts_planned,
            due: t.visits_due + t.escorts_asked,
        }
    }

    /// Visits and escorts due that the plan leaves out.
    pub fn left_out(&self) -> usize {
        self.due.saturating_sub(self.planned)
    }
}

/// One radius of the study.
#[derive(Clone, Debug, PartialEq)]
pub struct RadiusRow {
    /// Straight-line radius around the base, in metres.
    pub radius_m: u32,
    /// People whose home is within the radius (those the planner takes).
    pub inside: usize,
    /// Of the people, those within the same distance of the base by road.
    pub inside_by_road: usize,
    /// The week with the team's real hours.
    pub real: WeekFigures,
    /// The week with the hour caps lifted.
    pub unlimited: WeekFigures,
}

impl RadiusRow {
    /// The plan that serves everyone inside as far as possible with the fewest hours: of the
    /// two, the one planning more requests, or if equal the one with fewer hours (the
    /// optimiser balances hours against FTE shares, so the capped plan is sometimes the
    /// shorter). Hours needed, driving and "not fitting" are read from it.
    pub fn serving(&self) -> &WeekFigures {
        let (r, u) = (&self.real, &self.unlimited);
        if r.planned > u.planned || (r.planned == u.planned && r.tour_s < u.tour_s) {
            r
        } else {
            u
        }
    }
}

/// The whole study.
#[derive(Clone, Debug, PartialEq)]
pub struct RadiusStudy {
    pub rows: Vec<RadiusRow>,
    /// People in the scenario.
    pub people: usize,
    /// Sum of the workers' FTE shares.
    pub team_fte: f64,
    pub hours_per_fte: f64,
    /// Worker-seconds of weekly blocks counted in the FTE (team meeting), in the week.
    pub blocks_s: i64,
    /// ISO week planned ("2026-W49").
    pub week: String,
    /// The map, as plans record it.
    pub map: String,
    /// The base's commune.
    pub base: String,
}

impl RadiusStudy {
    /// The team's weekly hours: FTE shares × hours per FTE, in seconds.
    pub fn team_s(&self) -> i64 {
        (self.team_fte * self.hours_per_fte * 3600.0).round() as i64
    }

    /// Worker-seconds needed to serve everyone inside `row`'s radius: the tours of
    /// [`RadiusRow::serving`], plus the blocks counted in the FTE. A floor when even that plan
    /// leaves requests out.
    pub fn needed_s(&self, row: &RadiusRow) -> i64 {
        row.serving().tour_s + self.blocks_s
    }

    /// Worker-seconds used within the team's real hours.
    pub fn used_s(&self, row: &RadiusRow) -> i64 {
        row.real.tour_s + self.blocks_s
    }
}

/// The scenario with its territory set to `km` around the base and, when `unlimited`, the
/// weekly hour caps lifted (the same workers, days, blocks and pairs).
pub fn variant(s: &Scenario, km: f64, unlimited: bool) -> Scenario {
    let mut v = s.clone();
    v.team.territory = Territory::Radius {
        centre: s.team.base.point,
        km,
    };
    if unlimited {
        v.team.hours_per_fte = UNLIMITED_HOURS_PER_FTE;
    }
    v
}

/// Runs the study: two plans per radius, `on_plan(done, total)` after each.
pub fn run(
    s: &Scenario,
    roads: &Roads,
    horizon: Horizon,
    range: &StudyRange,
    opts: &SolveOptions,
    on_plan: &mut dyn FnMut(usize, usize),
) -> Result<RadiusStudy, CoverageError> {
    let horizon = Horizon::new(horizon.first_day, 1);
    let radii = range.radii();
    let by_road = road_distances(s, roads)?;
    let total = 2 * radii.len();
    let mut rows = Vec::with_capacity(radii.len());
    for (i, &radius_m) in radii.iter().enumerate() {
        let km = f64::from(radius_m) / 1000.0;
        let real = plan(&variant(s, km, false), roads, horizon, opts)?;
        on_plan(2 * i + 1, total);
        let unlimited = plan(&variant(s, km, true), roads, horizon, opts)?;
        on_plan(2 * i + 2, total);
        let centre = Territory::Radius {
            centre: s.team.base.point,
            km,
        };
        rows.push(RadiusRow {
            radius_m,
            inside: s
                .people
                .iter()
                .filter(|p| centre.contains(p.home.point))
                .count(),
            inside_by_road: by_road
                .iter()
                .filter(|d| d.is_some_and(|d| d <= i64::from(radius_m)))
                .count(),
            real,
            unlimited,
        });
    }
    Ok(RadiusStudy {
        rows,
        people: s.people.len(),
        team_fte: s.workers.iter().map(|w| w.fte).sum(),
        hours_per_fte: s.team.hours_per_fte,
        blocks_s: blocks(s, horizon),
        week: horizon.week_labels().join(", "),
        map: roads.name(),
        base: s.team.base.commune.clone(),
    })
}

/// One week planned; a plan the independent checker faults is an internal error, not a figure.
fn plan(
    s: &Scenario,
    roads: &Roads,
    horizon: Horizon,
    opts: &SolveOptions,
) -> Result<WeekFigures, CoverageError> {
    let Planned { plan, violations } = plan_weeks(s, horizon, roads, opts, &mut |_| {})?;
    if let Some(v) = violations.first() {
        return Err(CoverageError::Checker(format!(
            "{} rule(s) broken, first {}",
            violations.len(),
            v.render(crate::week::Lang::En)
        )));
    }
    Ok(WeekFigures::of(&plan))
}

/// Worker-seconds of the blocks counted in the FTE in the week: FTE share × hours per FTE
/// less the weekly cap.
fn blocks(s: &Scenario, horizon: Horizon) -> i64 {
    (0..s.workers.len())
        .map(|w| {
            let full = (s.workers[w].fte * s.team.hours_per_fte * 3600.0).round() as i64;
            (full - weekly_cap(s, &horizon, w, 0).0).max(0)
        })
        .sum()
}

/// Road distance from the base to each person's home (None: not reachable).
fn road_distances(s: &Scenario, roads: &Roads) -> Result<Vec<Option<i64>>, CoverageError> {
    let mut points = vec![s.team.base.point];
    let mut names = vec!["base".to_string()];
    for p in &s.people {
        points.push(p.home.point);
        names.push(p.id.clone());
    }
    let travel = roads
        .travel_named(&points, &names)
        .map_err(crate::week::pipeline::PlanningError::from)?;
    Ok((1..points.len())
        .map(|i| travel.get(0, i).map(|(_, d)| d.0))
        .collect())
}

#[cfg(test)]
mod tests;
