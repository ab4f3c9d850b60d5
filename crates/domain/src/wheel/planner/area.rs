//! Where a placement is, as the planner groups visits: its postal code. One consultant's
//! visits to two children in the same postal district on one day save a drive; the planner
//! puts them together where that costs no deadline.

use serde::{Deserialize, Serialize};

/// A postal district (Danish postal codes are four digits: 4000 Roskilde).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Area(pub u16);

impl Area {
    /// The area of an address written the Danish way, the postal code first in its last part
    /// ("Hovedgaden 1, 4000 Roskilde"); `None` when there is no four-digit code there.
    pub fn of_address(address: &str) -> Option<Self> {
        let last = address.rsplit(',').next()?.trim();
        let code = last.split_whitespace().next()?;
        if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        code.parse().ok().map(Area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_postal_code_is_the_area() {
        assert_eq!(
            Area::of_address("Hovedgaden 1, 4000 Roskilde"),
            Some(Area(4000))
        );
        assert_eq!(Area::of_address("4300 Holbæk"), Some(Area(4300)));
        assert_eq!(
            Area::of_address("Algade 3, 2. th., 4000 Roskilde"),
            Some(Area(4000))
        );
        // No code, or not four digits: no area, planned by its due date alone.
        assert_eq!(Area::of_address("Hovedgaden 1, Roskilde"), None);
        assert_eq!(Area::of_address("Hovedgaden 1, 400 Roskilde"), None);
        assert_eq!(Area::of_address(""), None);
    }
}
