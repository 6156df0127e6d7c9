//! Dates at the precision a source gives them: a year, a month or a day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day (ISO 8601: `2010`, `2010-07`, `2010-07-17`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year, 1000 to 9999.
    pub year: u16,
    /// The month, 1 to 12, where known.
    pub month: Option<u8>,
    /// The day of the month, where known (only with a month).
    pub day: Option<u8>,
}

/// Why a text is not a valid [`PartialDate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl PartialDate {
    /// A date known to the year only.
    pub fn year(year: u16) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// The first day this date can mean, as (year, month, day): used to order dates of mixed precision.
    pub fn earliest(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean, as (year, month, day).
    pub fn latest(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// The date as a fractional year (mid-point of what it can mean), for drawing time scales.
    pub fn as_year_fraction(&self) -> f64 {
        let (y, m, d) = self.earliest();
        let (_, m2, d2) = self.latest();
        let start = f64::from(m - 1) / 12.0 + f64::from(d - 1) / 365.0;
        let end = f64::from(m2 - 1) / 12.0 + f64::from(d2) / 365.0;
        f64::from(y) + (start + end) / 2.0
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month of a year (February knows leap years).
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

fn parse_number(part: &str, what: &str, text: &str) -> Result<u16, DateError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.len() > 4 {
        return Err(DateError(format!(
            "invalid date `{text}`: the {what} must be digits (use YYYY, YYYY-MM or YYYY-MM-DD)"
        )));
    }
    // Cannot fail: at most four ASCII digits.
    Ok(part.parse().unwrap_or(0))
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('-');
        let year_part = parts.next().unwrap_or_default();
        if year_part.len() != 4 {
            return Err(DateError(format!(
                "invalid date `{text}`: expected YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        let year = parse_number(year_part, "year", text)?;
        if year < 1000 {
            return Err(DateError(format!(
                "invalid date `{text}`: year out of range"
            )));
        }
        let month = match parts.next() {
            None => None,
            Some(p) if p.len() == 2 => {
                let m = parse_number(p, "month", text)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError(format!(
                        "invalid date `{text}`: month {m} is not between 01 and 12"
                    )));
                }
                Some(m as u8)
            }
            Some(_) => {
                return Err(DateError(format!(
                    "invalid date `{text}`: the month needs two digits (YYYY-MM)"
                )));
            }
        };
        let day = match parts.next() {
            None => None,
            Some(p) if p.len() == 2 => {
                let d = parse_number(p, "day", text)?;
                // A day is only parsed after a month, so `month` is Some here.
                let m = month.unwrap_or(1);
                let max = days_in_month(year, m);
                if d == 0 || d > u16::from(max) {
                    return Err(DateError(format!(
                        "invalid date `{text}`: {} {year} has {max} days",
                        MONTH_NAMES[usize::from(m - 1)]
                    )));
                }
                Some(d as u8)
            }
            Some(_) => {
                return Err(DateError(format!(
                    "invalid date `{text}`: the day needs two digits (YYYY-MM-DD)"
                )));
            }
        };
        if parts.next().is_some() {
            return Err(DateError(format!(
                "invalid date `{text}`: expected YYYY, YYYY-MM or YYYY-MM-DD"
            )));
        }
        Ok(Self { year, month, day })
    }
}

/// English month names, for messages and display.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    /// Orders by the earliest day each date can mean, then the less precise first.
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then_with(|| self.month.is_some().cmp(&other.month.is_some()))
            .then_with(|| self.day.is_some().cmp(&other.day.is_some()))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                match v.parse() {
                    Ok(date) => Ok(date),
                    Err(DateError(why)) => {
                        // While the loader collects refusals, a stand-in: the record it is in
                        // is reported and no rule looks at it.
                        super::text::refuse(why)?;
                        Ok(PartialDate::year(2000))
                    }
                }
            }

            // YAML reads a bare `2010` as a number.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                self.visit_str(&v.to_string())
            }
        }

        deserializer.deserialize_any(DateVisitor)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    /// A string at the precision known, or a bare year (YAML reads `2010` as a number). The pattern
    /// cannot know how many days a month has; the loader checks that.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date at the precision a source gives it (ISO 8601): `2010`, `2010-07` or `2010-07-17`.",
            "anyOf": [
                {
                    "type": "string",
                    "pattern": "^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
                },
                {
                    "type": "integer",
                    "minimum": 1000,
                    "maximum": 9999
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!("2010".parse::<PartialDate>().unwrap().to_string(), "2010");
        assert_eq!(
            "2010-07".parse::<PartialDate>().unwrap().to_string(),
            "2010-07"
        );
        assert_eq!(
            "2010-07-17".parse::<PartialDate>().unwrap().to_string(),
            "2010-07-17"
        );
    }

    #[test]
    fn rejects_impossible_days() {
        let err = "2023-02-30".parse::<PartialDate>().unwrap_err();
        assert!(err.0.contains("February 2023 has 28 days"), "{err}");
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
        assert!("2023-13".parse::<PartialDate>().is_err());
        assert!("2023-00-10".parse::<PartialDate>().is_err());
        assert!("23-01-10".parse::<PartialDate>().is_err());
        assert!("2023-1-10".parse::<PartialDate>().is_err());
        assert!("2023-01-10-01".parse::<PartialDate>().is_err());
    }

    #[test]
    fn orders_mixed_precision_by_earliest_day() {
        let a: PartialDate = "2011".parse().unwrap();
        let b: PartialDate = "2011-03".parse().unwrap();
        let c: PartialDate = "2010-12-31".parse().unwrap();
        assert!(c < a && a < b);
    }
}
