//! Capacity of a placement option.
//!
//! free places = approved places − children living there − places held by approved proposals.
//! A planned placement (approved, not yet started) is how a held place is recorded, so the
//! count of placements that take a place covers both living and held.

/// Free places; never negative. An overbooked option (more placements than approved places,
/// e.g. after its approval was reduced) has no free places.
pub fn free_places(approved_places: u32, places_taken: u32) -> u32 {
    approved_places.saturating_sub(places_taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(free_places(3, 1), 2);
        assert_eq!(free_places(3, 3), 0);
        assert_eq!(free_places(2, 3), 0);
        assert_eq!(free_places(0, 0), 0);
    }

    proptest! {
        #[test]
        fn never_more_than_approved_and_one_less_per_taken_place(a in 0u32..100, t in 0u32..100) {
            let f = free_places(a, t);
            prop_assert!(f <= a);
            if t < a {
                prop_assert_eq!(free_places(a, t + 1), f - 1);
            }
        }
    }
}
