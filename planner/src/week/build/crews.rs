//! Who can go out when: one potential route per (day, pair of available workers), and the
//! limits shared by routes — one camping-car per day, a worker in one crew per day, a worker's
//! weekly hours.

use super::{BALANCE_WEIGHT, Instance};
use crate::engine::{GroupRule, VehicleGroup};
use crate::units::Duration;
use crate::week::calendar::Horizon;
use crate::week::model::*;
use crate::week::terms::day_name;
use chrono::Datelike;

/// A pair out on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crew {
    pub day: usize,
    /// Indices into `Scenario::workers`, in file order.
    pub workers: [usize; 2],
    /// Earliest departure and latest return, since local midnight (cut by partial blocks).
    pub shift: (Duration, Duration),
    /// Longest route: the day's maximum less the time both spend on blocks that day.
    pub max_duration: Duration,
    /// Whether lunch fits in this shift (it does unless a block covers the lunch hours).
    pub lunch: bool,
}

/// Shortest shift worth a crew.
const MIN_SHIFT: Duration = Duration(3600);

impl Crew {
    /// "lun 30/11 camille+dominique" (ids only: pseudonyms of workers).
    pub fn label(&self, s: &Scenario, h: &Horizon) -> String {
        let date = h.date(self.day);
        format!(
            "{} {} {}+{}",
            &day_name(date.weekday(), true)[..3],
            date.format("%d/%m"),
            s.workers[self.workers[0]].id,
            s.workers[self.workers[1]].id
        )
    }
}

pub(super) fn crews(s: &Scenario, h: &Horizon) -> Vec<Crew> {
    let mut out = Vec::new();
    for day in 0..h.days() {
        let date = h.date(day);
        let present: Vec<usize> = (0..s.workers.len())
            .filter(|&w| s.workers[w].works_on(date))
            .collect();
        for (a, &i) in present.iter().enumerate() {
            for &j in &present[a + 1..] {
                if let Some(c) = crew(s, day, date.weekday(), [i, j]) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The shift left to a pair once their blocks that day are taken out.
fn crew(s: &Scenario, day: usize, wd: chrono::Weekday, pair: [usize; 2]) -> Option<Crew> {
    let team = &s.team;
    let (mut open, mut close) = (team.day_start, team.day_end);
    let mut blocked = [Duration::ZERO; 2];
    for (k, &w) in pair.iter().enumerate() {
        for b in s.workers[w].blocks_on(wd) {
            blocked[k] += b.end - b.start;
            if b.end <= open || b.start >= close {
                continue;
            }
            // Keep the longer side of the block.
            if b.start - open >= close - b.end {
                close = b.start;
            } else {
                open = b.end;
            }
        }
    }
    if close - open < MIN_SHIFT {
        return None;
    }
    let lunch = open <= team.lunch.latest && close >= team.lunch.earliest + team.lunch.length;
    Some(Crew {
        day,
        workers: pair,
        shift: (open, close),
        max_duration: team.max_day - blocked[0].max(blocked[1]),
        lunch,
    })
}

/// Hours a worker may spend on tours in week `week`: FTE share × hours per FTE, less the
/// blocks counted in the FTE on the days they work that week.
pub fn weekly_cap(s: &Scenario, h: &Horizon, worker: usize, week: usize) -> Duration {
    let w = &s.workers[worker];
    let full = Duration((w.fte * s.team.hours_per_fte * 3600.0).round() as i64);
    let blocks: Duration = (week * 7..week * 7 + 7)
        .map(|d| h.date(d))
        .filter(|&date| w.works_on(date))
        .flat_map(|date| {
            w.blocks_on(date.weekday())
                .filter(|b| b.in_fte)
                .map(|b| b.end - b.start)
        })
        .sum();
    (full - blocks).max(Duration::ZERO)
}

pub(super) fn groups(inst: &Instance<'_>) -> Vec<VehicleGroup> {
    let (s, h) = (inst.scenario, &inst.horizon);
    let mut out = Vec::new();
    let on = |pred: &dyn Fn(&Crew) -> bool| -> Vec<usize> {
        (0..inst.crews.len())
            .filter(|&v| pred(&inst.crews[v]))
            .collect()
    };
    for day in 0..h.days() {
        let vehicles = on(&|c| c.day == day);
        if vehicles.len() > s.team.campers {
            out.push(VehicleGroup {
                label: format!("camping-car {}", h.date(day)),
                vehicles,
                rule: GroupRule::MaxUsed(s.team.campers),
            });
        }
        if s.team.campers > 1 {
            for (w, worker) in s.workers.iter().enumerate() {
                let vehicles = on(&|c| c.day == day && c.workers.contains(&w));
                if vehicles.len() > 1 {
                    out.push(VehicleGroup {
                        label: format!("{} {}", worker.id, h.date(day)),
                        vehicles,
                        rule: GroupRule::MaxUsed(1),
                    });
                }
            }
        }
    }
    for week in 0..h.weeks as usize {
        for (w, worker) in s.workers.iter().enumerate() {
            let vehicles = on(&|c| h.week_of(c.day) == week && c.workers.contains(&w));
            if vehicles.is_empty() {
                continue;
            }
            let limit = weekly_cap(s, h, w, week);
            out.push(VehicleGroup {
                label: format!("heures {} {}", worker.id, h.week_labels()[week]),
                vehicles,
                rule: GroupRule::DurationBudget {
                    limit,
                    balance_weight: BALANCE_WEIGHT,
                },
            });
        }
    }
    out
}
