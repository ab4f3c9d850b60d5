//! Places and distances. Kith computes great-circle distances from stored coordinates and
//! calls no external map service: addresses never leave the municipality.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A point on the globe (WGS 84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawCoordinates")]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Deserialize)]
struct RawCoordinates {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawCoordinates> for Coordinates {
    type Error = DomainError;
    fn try_from(raw: RawCoordinates) -> Result<Self, Self::Error> {
        Coordinates::new(raw.lat, raw.lon)
    }
}

/// Mean Earth radius in kilometres (IUGG).
const EARTH_RADIUS_KM: f64 = 6371.0088;

impl Coordinates {
    /// Checks that latitude is within ±90 and longitude within ±180.
    pub fn new(lat: f64, lon: f64) -> Result<Self, DomainError> {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err(DomainError::InvalidCoordinates(
                "latitude must be between -90 and 90".into(),
            ));
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            return Err(DomainError::InvalidCoordinates(
                "longitude must be between -180 and 180".into(),
            ));
        }
        Ok(Self { lat, lon })
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: Coordinates) -> f64 {
        let (phi1, phi2) = (self.lat.to_radians(), other.lat.to_radians());
        let dphi = (other.lat - self.lat).to_radians();
        let dlambda = (other.lon - self.lon).to_radians();
        let a =
            (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
    }
}

/// An address as people write it, with coordinates when they are known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub address: String,
    pub coordinates: Option<Coordinates>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn roskilde_to_copenhagen_is_about_thirty_km() {
        // Roskilde station (55.6396, 12.0878), Copenhagen Central (55.6727, 12.5646):
        // worked out independently (haversine in Python, R = 6371.0088 km): 30.136 km.
        let roskilde = Coordinates::new(55.6396, 12.0878).unwrap();
        let copenhagen = Coordinates::new(55.6727, 12.5646).unwrap();
        let d = roskilde.distance_km(copenhagen);
        assert!((d - 30.136).abs() < 0.01, "{d}");
    }

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let a = Coordinates::new(55.0, 12.0).unwrap();
        let b = Coordinates::new(56.0, 12.0).unwrap();
        assert!((a.distance_km(b) - 111.195).abs() < 0.001);
    }

    #[test]
    fn rejects_points_off_the_globe() {
        assert!(Coordinates::new(91.0, 0.0).is_err());
        assert!(Coordinates::new(0.0, -181.0).is_err());
        assert!(Coordinates::new(f64::NAN, 0.0).is_err());
    }

    proptest! {
        #[test]
        fn distance_is_symmetric_and_non_negative(
            a in -89.0f64..89.0, b in -179.0f64..179.0, c in -89.0f64..89.0, d in -179.0f64..179.0
        ) {
            let p = Coordinates::new(a, b).unwrap();
            let q = Coordinates::new(c, d).unwrap();
            let pq = p.distance_km(q);
            prop_assert!(pq >= 0.0);
            prop_assert!((pq - q.distance_km(p)).abs() < 1e-6);
            prop_assert!(pq <= std::f64::consts::PI * EARTH_RADIUS_KM + 1e-6);
        }
    }
}
