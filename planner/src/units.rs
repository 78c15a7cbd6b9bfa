//! Integer quantities of the optimiser, each in its own type (as PyVRP does): a duration is
//! never added to a distance or a cost by mistake, and integers make every run reproducible.
//!
//! The engine is unit-agnostic: the weekly planner feeds it seconds and metres, the Solomon
//! harness feeds it scaled Euclidean distances. `Duration` serves both as a point in time
//! (since the start of the horizon) and as a length of time.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

macro_rules! quantity {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            pub const ZERO: $name = $name(0);
            pub const MAX: $name = $name(i64::MAX / 4);
            pub fn max(self, other: $name) -> $name { if self >= other { self } else { other } }
            pub fn min(self, other: $name) -> $name { if self <= other { self } else { other } }
        }
        impl Add for $name { type Output = $name; fn add(self, o: $name) -> $name { $name(self.0 + o.0) } }
        impl Sub for $name { type Output = $name; fn sub(self, o: $name) -> $name { $name(self.0 - o.0) } }
        impl Neg for $name { type Output = $name; fn neg(self) -> $name { $name(-self.0) } }
        impl AddAssign for $name { fn add_assign(&mut self, o: $name) { self.0 += o.0; } }
        impl SubAssign for $name { fn sub_assign(&mut self, o: $name) { self.0 -= o.0; } }
        impl Mul<i64> for $name { type Output = $name; fn mul(self, k: i64) -> $name { $name(self.0 * k) } }
        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = $name>>(iter: I) -> $name { $name(iter.map(|x| x.0).sum()) }
        }
    };
}

quantity!(
    /// A duration, or a point in time counted from the start of the horizon.
    Duration
);
quantity!(
    /// A distance.
    Distance
);
quantity!(
    /// A value of the objective function.
    Cost
);
quantity!(
    /// An amount of vehicle capacity used (a demand, a number of seats).
    Load
);
