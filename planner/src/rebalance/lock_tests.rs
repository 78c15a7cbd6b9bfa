//! Locked visits never move: over random locks of the default week's plan, random referrals
//! and absences, a locked visit keeps its day and time (and its pair, unless a worker of it is
//! absent that day — then it is placed with another pair at the same time, or explained).

use super::tests::{SMALL, add, plan_of, run_with};
use super::*;
use crate::week::MapBounds;
use crate::week::pipeline::DEFAULT_SCENARIO;
use proptest::prelude::*;
use std::sync::OnceLock;

fn plans() -> &'static [Plan; 2] {
    static PLANS: OnceLock<[Plan; 2]> = OnceLock::new();
    PLANS.get_or_init(|| [plan_of(DEFAULT_SCENARIO, 1), plan_of(SMALL, 1)])
}

const REFERRALS: [&str; 4] = [
    "[[people]]\nid = \"R1\"\ncommune = \"Vebret\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\nwindows = { tous = \"après-midi\" }\npriority = 5\n",
    "[[people]]\nid = \"R1\"\ncommune = \"Ydes\"\nvisit_minutes = 45\nfrequency = \"hebdomadaire\"\nwindows = { lundi = \"14:00-16:00\", mardi = \"14:00-16:00\" }\n",
    "[[people]]\nid = \"R1\"\ncommune = \"Mauriac\"\nvisit_minutes = 30\nfrequency = \"bihebdomadaire\"\nwindows = { semaine = \"après-midi\" }\npriority = 4\n",
    "[[people]]\nid = \"R1\"\ncommune = \"Le Vigean\"\nvisit_minutes = 60\nfrequency = \"hebdomadaire\"\nwindows = { mardi = \"14:00-15:00\", jeudi = \"14:00-15:00\" }\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, rng_seed: proptest::test_runner::RngSeed::Fixed(5), ..ProptestConfig::default() })]

    #[test]
    fn locked_visits_never_move(
        which in 0usize..2,
        mask in any::<u32>(),
        referral in 0usize..REFERRALS.len(),
        absent in proptest::option::of((0usize..3, 0usize..5)),
        make_room in any::<bool>(),
    ) {
        let mut plan = plans()[which].clone();
        let mut bit = 0;
        for d in &mut plan.days {
            for s in &mut d.stops {
                if Key::of_stop(d.day, s).is_some_and(|k| k.is_personal()) {
                    s.locked = mask >> (bit % 32) & 1 == 1;
                    bit += 1;
                }
            }
        }
        let mut change = add(REFERRALS[referral]);
        let scenario = plan.scenario(MapBounds::cantal()).unwrap();
        let gone = absent.map(|(w, d)| (scenario.workers[w % scenario.workers.len()].id.clone(), d));
        if let Some((worker, day)) = &gone {
            change.absent.push(Absent {
                worker: worker.clone(),
                day: DaySpec::Date(plan.horizon().date(*day)),
            });
        }
        let opts = RebalanceOptions { make_room, ..RebalanceOptions::default() };
        let out = run_with(&plan, &change, &opts);
        let after = placements(&out.plan);
        for (key, p) in placements(&plan).into_iter().filter(|(_, p)| p.locked) {
            let crew_gone = gone.as_ref().is_some_and(|(w, d)| *d == p.day && p.crew.contains(w));
            match after.get(&key) {
                Some(q) => {
                    prop_assert_eq!((q.day, q.start), (p.day, p.start), "{:?}", key);
                    prop_assert!(q.locked);
                    if !crew_gone {
                        prop_assert_eq!(&q.crew, &p.crew);
                    }
                }
                None => {
                    prop_assert!(crew_gone, "{:?} locked and dropped", key);
                    prop_assert!(out.diff.not_planned.iter().any(|n| n.id == key.id()));
                }
            }
        }
    }
}
