//! The columns of the week view: every tour, in date order, and an empty column for each day
//! some crew could go out but none does (so a visit can be moved there).

use super::session::Session;
use chrono::NaiveDate;
use planner::week::edit::{StopRef, item_spans};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub date: NaiveDate,
    /// Index of the tour in `plan.days`, if there is one.
    pub tour: Option<usize>,
}

pub fn columns(s: &Session) -> Vec<Column> {
    let mut dates: Vec<NaiveDate> = s
        .crew_dates
        .iter()
        .copied()
        .chain(s.plan.days.iter().map(|d| d.date))
        .collect();
    dates.sort();
    dates.dedup();
    let mut out = Vec::new();
    for date in dates {
        let tours: Vec<usize> = (0..s.plan.days.len())
            .filter(|&d| s.plan.days[d].date == date)
            .collect();
        if tours.is_empty() {
            out.push(Column { date, tour: None });
        }
        out.extend(tours.into_iter().map(|t| Column {
            date,
            tour: Some(t),
        }));
    }
    out
}

/// The route items (jobs and lunch) of a column.
pub fn items(s: &Session, c: &Column) -> Vec<StopRef> {
    c.tour
        .map(|t| {
            item_spans(&s.plan.days[t])
                .into_iter()
                .map(|(r, _)| r)
                .collect()
        })
        .unwrap_or_default()
}

/// The column of the tour of `crew` on `date` (or the empty column of that date).
pub fn find(
    cols: &[Column],
    s: &Session,
    date: NaiveDate,
    crew: Option<&[String; 2]>,
) -> Option<usize> {
    cols.iter().position(|c| {
        c.date == date
            && match (c.tour, crew) {
                (Some(t), Some(crew)) => {
                    let d = &s.plan.days[t].crew;
                    (d[0] == crew[0] && d[1] == crew[1]) || (d[0] == crew[1] && d[1] == crew[0])
                }
                (None, _) => true,
                (Some(_), None) => false,
            }
    })
}
