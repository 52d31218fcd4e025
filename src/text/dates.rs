//! Dates and time zones: reading the site time zone and front-matter dates,
//! and writing dates for pages (localized patterns), feeds (RFC 2822) and
//! metadata (RFC 3339).
//!
//! Parsing is hand-written rather than delegated to jiff's ISO 8601 parser
//! so that exactly the documented forms are accepted (jiff would, for
//! instance, silently drop an offset when asked for a civil datetime) and so
//! that errors can be phrased for editors rather than programmers. jiff
//! still does all calendar and time zone arithmetic.

use std::fmt::{self, Write as _};

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone};

const MONTH_NAMES: [&str; 12] = [
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

/// "+07:00", "-05:30", "+0700", "UTC", "Z", or an IANA name like "Asia/Ho_Chi_Minh" (from the bundled tzdb).
pub fn parse_timezone(spec: &str) -> Result<TimeZone, String> {
    let spec = spec.trim();
    if spec.eq_ignore_ascii_case("z") || spec.eq_ignore_ascii_case("utc") {
        return Ok(TimeZone::UTC);
    }
    if spec.starts_with(['+', '-']) {
        let mut cursor = Cursor::new(spec);
        return match cursor.offset() {
            Some(Ok(offset)) if cursor.at_end() => Ok(TimeZone::fixed(offset)),
            Some(Err(reason)) => Err(crate::msg!(
                "zone-invalid-because",
                zone = format!("{spec:?}"),
                reason = reason
            )),
            _ => Err(crate::msg!("zone-invalid", zone = format!("{spec:?}"))),
        };
    }
    if spec.is_empty() {
        return Err(crate::msg!("zone-missing"));
    }
    // jiff's lookup is case-insensitive and knows aliases like Asia/Saigon.
    TimeZone::get(spec).map_err(|_| crate::msg!("zone-unknown", zone = format!("{spec:?}")))
}

/// Front-matter dates: "2023-06-05" (midnight local), "2023-06-05 08:30", "2023-06-05 08:30:15",
/// "2023-06-05T08:30", "2023-06-05T08:30:15", all in `zone`; or RFC 3339 with an offset
/// ("2023-06-05T08:30:00+07:00", "...Z", fractional seconds allowed), which is absolute.
/// Surrounding whitespace ignored. Error: a short human message naming what was expected,
/// e.g. `invalid date "2023-13-01": expected 2023-06-05, 2023-06-05 08:30 or 2023-06-05T08:30:00+07:00`
/// (include jiff's reason if useful but keep it readable for non-programmer editors).
///
/// Day/month/year, the Vietnamese order (the seed article's "05/06/2023"),
/// is accepted too: "05/06/2023", "5/6/2023", "05/06/2023 08:30" and
/// "05/06/2023 08:30:15", in `zone`. It is never read as month/day.
pub fn parse_date(text: &str, zone: &TimeZone) -> Result<Timestamp, String> {
    let text = text.trim();
    let expected = crate::msg!("date-expected");
    parse_date_parts(text, zone).map_err(|reason| {
        let reason = match reason {
            Some(reason) => format!("{reason} ({expected})"),
            None => expected,
        };
        // Quoted as serde quotes values, so long ones are cut in messages.
        crate::msg!("date-invalid", text = format!("{text:?}"), reason = reason)
    })
}

/// Formats a calendar date by a pattern with tokens {d} (day, no padding), {dd} (2 digits),
/// {m}, {mm}, {yyyy}, {month} (months[month-1]; if months is shorter, the number).
/// Everything else is copied literally. vi: "{dd}/{mm}/{yyyy}" → "05/06/2023";
/// en: "{d} {month} {yyyy}" → "5 June 2023".
pub fn format_date(date: Date, pattern: &str, months: &[String]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let token = ["{dd}", "{d}", "{mm}", "{m}", "{yyyy}", "{month}"]
            .into_iter()
            .find(|token| rest.starts_with(token));
        let Some(token) = token else {
            // A lone or unknown brace is ordinary text.
            out.push('{');
            rest = &rest[1..];
            continue;
        };
        let written = match token {
            "{dd}" => write!(out, "{:02}", date.day()),
            "{d}" => write!(out, "{}", date.day()),
            "{mm}" => write!(out, "{:02}", date.month()),
            "{m}" => write!(out, "{}", date.month()),
            "{yyyy}" => write!(out, "{}", Year(date.year())),
            _ => match month_index(date).and_then(|i| months.get(i)) {
                Some(name) => out.write_str(name),
                None => write!(out, "{}", date.month()),
            },
        };
        // Writing into a String cannot fail.
        debug_assert!(written.is_ok());
        rest = &rest[token.len()..];
    }
    out.push_str(rest);
    out
}

/// "2023-06-05T08:30:00+07:00" — the instant shown in `zone` (seconds precision; "Z"-less, numeric offset, "+00:00" for UTC).
pub fn rfc3339(ts: Timestamp, zone: &TimeZone) -> String {
    let offset = minute_offset(ts, zone);
    let dt = offset.to_datetime(ts);
    format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        Year(dt.year()),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        NumericOffset(offset, ":"),
    )
}

/// RFC 822/2822 for RSS: "Mon, 05 Jun 2023 08:30:00 +0700" in `zone` (English day/month names).
pub fn rfc2822(ts: Timestamp, zone: &TimeZone) -> String {
    let offset = minute_offset(ts, zone);
    let dt = offset.to_datetime(ts);
    let weekday = match dt.weekday() {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    };
    let month = month_index(dt.date())
        .and_then(|i| MONTH_NAMES.get(i))
        .map_or("", |name| name.get(..3).unwrap_or(name));
    format!(
        "{weekday}, {:02} {month} {} {:02}:{:02}:{:02} {}",
        dt.day(),
        Year(dt.year()),
        dt.hour(),
        dt.minute(),
        dt.second(),
        NumericOffset(offset, ""),
    )
}

/// The calendar date of `ts` in `zone`.
pub fn local_date(ts: Timestamp, zone: &TimeZone) -> Date {
    zone.to_datetime(ts).date()
}

/// Parses the trimmed text. `Err(None)` means the text does not have any of
/// the accepted shapes; `Err(Some(reason))` means it has one, but a value in
/// it is impossible.
fn parse_date_parts(text: &str, zone: &TimeZone) -> Result<Timestamp, Option<String>> {
    let mut cursor = Cursor::new(text);
    if let Some((day, month, year)) = cursor.day_month_year() {
        return parse_day_month_year(cursor, (year, month, day), zone);
    }
    let date = cursor.date().ok_or(None)?;
    let date = valid_date(date)?;
    if cursor.at_end() {
        return to_timestamp(zone, DateTime::from_parts(date, Time::midnight()));
    }
    if !(cursor.eat(b'T') || cursor.eat(b't') || cursor.eat(b' ')) {
        return Err(None);
    }
    let time = cursor.time().ok_or(None)?;
    let datetime = DateTime::from_parts(date, valid_time(time)?);
    if cursor.at_end() {
        return to_timestamp(zone, datetime);
    }
    // Jekyll-style "2023-06-05 08:30:00 +0700" puts a space before the offset.
    cursor.eat(b' ');
    let offset = if cursor.eat(b'Z') || cursor.eat(b'z') {
        Offset::UTC
    } else {
        cursor.offset().ok_or(None)?.map_err(Some)?
    };
    if !cursor.at_end() {
        return Err(None);
    }
    offset
        .to_timestamp(datetime)
        .map_err(|_| Some(out_of_range()))
}

/// The rest of "05/06/2023 08:30" after its date: an optional local time.
fn parse_day_month_year(
    mut cursor: Cursor,
    (year, month, day): (i16, i8, i8),
    zone: &TimeZone,
) -> Result<Timestamp, Option<String>> {
    if !(1..=12).contains(&month) {
        return Err(Some(crate::msg!("date-no-such-month", month = month)));
    }
    let date = Date::new(year, month, day).map_err(|_| {
        Some(crate::msg!(
            "date-no-such-day",
            day = day,
            month = month,
            year = year
        ))
    })?;
    let time = if cursor.at_end() {
        Time::midnight()
    } else if cursor.eat(b' ') {
        let time = cursor.time().ok_or(None)?;
        if !cursor.at_end() {
            return Err(None);
        }
        valid_time(time)?
    } else {
        return Err(None);
    };
    to_timestamp(zone, DateTime::from_parts(date, time))
}

/// Resolves a local datetime in `zone`; times skipped or repeated by a DST
/// change are resolved the "compatible" way (like most calendar software):
/// a skipped time moves forward by the gap, a repeated one takes the first.
fn to_timestamp(zone: &TimeZone, datetime: DateTime) -> Result<Timestamp, Option<String>> {
    zone.to_ambiguous_timestamp(datetime)
        .compatible()
        .map_err(|_| Some(out_of_range()))
}

fn out_of_range() -> String {
    crate::msg!("date-out-of-range")
}

/// Checks year/month/day, explaining the problem in calendar terms.
fn valid_date((year, month, day): (i16, i8, i8)) -> Result<Date, Option<String>> {
    if !(1..=12).contains(&month) {
        return Err(Some(crate::msg!(
            "date-month-missing",
            month = format!("{month:02}")
        )));
    }
    Date::new(year, month, day).map_err(|_| {
        let reason = match Date::new(year, month, 1) {
            Ok(first) if day > 0 => crate::msg!(
                "date-month-days",
                month = i64::from(month),
                year = year.to_string(),
                days = i64::from(first.days_in_month())
            ),
            Ok(_) => crate::msg!("date-day-missing", day = format!("{day:02}")),
            Err(_) => out_of_range(),
        };
        Some(reason)
    })
}

fn valid_time(
    (hour, minute, second, nanosecond): (i8, i8, i8, i32),
) -> Result<Time, Option<String>> {
    if hour > 23 {
        return Err(Some(crate::msg!(
            "date-hour-missing",
            hour = format!("{hour:02}")
        )));
    }
    if minute > 59 {
        return Err(Some(crate::msg!(
            "date-minute-missing",
            minute = format!("{minute:02}")
        )));
    }
    // RFC 3339 allows a leap second :60; jiff has none, so like jiff's own
    // parser we treat it as :59.
    if second > 60 {
        return Err(Some(crate::msg!(
            "date-second-missing",
            second = format!("{second:02}")
        )));
    }
    Time::new(hour, minute, second.min(59), nanosecond).map_err(|_| None)
}

/// The zone's offset at `ts`, rounded to whole minutes because RFC 3339 and
/// RFC 2822 cannot express seconds (only pre-1900 local mean times have
/// them). Callers show the instant in this offset, so the string still
/// names exactly `ts`.
fn minute_offset(ts: Timestamp, zone: &TimeZone) -> Offset {
    let exact = zone.to_offset(ts);
    // Clamp to jiff's largest whole-minute offset so rounding can't overflow.
    let limit = 25 * 3600 + 59 * 60;
    let rounded = ((exact.seconds() + 30).div_euclid(60) * 60).clamp(-limit, limit);
    Offset::from_seconds(rounded).unwrap_or(exact)
}

/// Displays an offset as "+07:00" (with separator ":") or "+0700" (with "").
struct NumericOffset<'a>(Offset, &'a str);

impl fmt::Display for NumericOffset<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let NumericOffset(offset, separator) = *self;
        let sign = if offset.seconds() < 0 { '-' } else { '+' };
        let minutes = offset.seconds().unsigned_abs() / 60;
        write!(f, "{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
    }
}

/// Displays a four-digit year; years outside 0000–9999 (jiff allows down
/// to -9999) use the ISO 8601 expanded form "-009999".
struct Year(i16);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Year(year) = *self;
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")
        } else {
            let sign = if year < 0 { '-' } else { '+' };
            write!(f, "{sign}{:06}", year.unsigned_abs())
        }
    }
}

/// Zero-based month index of `date`, for name tables.
fn month_index(date: Date) -> Option<usize> {
    usize::try_from(date.month() - 1).ok()
}

/// A byte cursor over ASCII date syntax. Non-ASCII input simply fails to
/// match, so no position ever lands inside a multi-byte character.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Exactly `count` decimal digits (count ≤ 9, so no overflow).
    fn digits(&mut self, count: usize) -> Option<i32> {
        let end = self.pos.checked_add(count)?;
        let run = self.bytes.get(self.pos..end)?;
        if !run.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos = end;
        Some(
            run.iter()
                .fold(0, |acc, digit| acc * 10 + i32::from(digit - b'0')),
        )
    }

    fn two_digits(&mut self) -> Option<i8> {
        // Two digits are at most 99, which fits.
        self.digits(2).and_then(|value| i8::try_from(value).ok())
    }

    /// "YYYY-MM-DD", values unchecked.
    fn date(&mut self) -> Option<(i16, i8, i8)> {
        let year = i16::try_from(self.digits(4)?).ok()?;
        if !self.eat(b'-') {
            return None;
        }
        let month = self.two_digits()?;
        if !self.eat(b'-') {
            return None;
        }
        let day = self.two_digits()?;
        Some((year, month, day))
    }

    /// "D/M/YYYY" with one or two digits for day and month, values
    /// unchecked; the cursor moves only when the shape matches.
    fn day_month_year(&mut self) -> Option<(i8, i8, i16)> {
        let start = self.pos;
        let part = |cursor: &mut Self| {
            let one = cursor.digits(1)?;
            Some(match cursor.digits(1) {
                Some(two) => one * 10 + two,
                None => one,
            })
        };
        let found = (|| {
            let day = part(self)?;
            self.eat(b'/').then_some(())?;
            let month = part(self)?;
            self.eat(b'/').then_some(())?;
            let year = i16::try_from(self.digits(4)?).ok()?;
            Some((i8::try_from(day).ok()?, i8::try_from(month).ok()?, year))
        })();
        if found.is_none() {
            self.pos = start;
        }
        found
    }

    /// "HH:MM", "HH:MM:SS" or "HH:MM:SS.fff" (1–9 fraction digits),
    /// values unchecked; the fraction is returned in nanoseconds.
    fn time(&mut self) -> Option<(i8, i8, i8, i32)> {
        let hour = self.two_digits()?;
        if !self.eat(b':') {
            return None;
        }
        let minute = self.two_digits()?;
        if !self.eat(b':') {
            return Some((hour, minute, 0, 0));
        }
        let second = self.two_digits()?;
        if !(self.eat(b'.') || self.eat(b',')) {
            return Some((hour, minute, second, 0));
        }
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let fraction = self.bytes.get(start..self.pos)?;
        if fraction.is_empty() || fraction.len() > 9 {
            return None;
        }
        let mut nanos = 0;
        for position in 0..9 {
            let digit = fraction.get(position).map_or(0, |b| i32::from(b - b'0'));
            nanos = nanos * 10 + digit;
        }
        Some((hour, minute, second, nanos))
    }

    /// "+07:00", "+0700" or "+07" (also with '-'). `None` when the text is
    /// not shaped like an offset; `Some(Err)` when the numbers are wrong.
    fn offset(&mut self) -> Option<Result<Offset, String>> {
        let negative = if self.eat(b'+') {
            false
        } else if self.eat(b'-') {
            true
        } else {
            return None;
        };
        let hours = i32::from(self.two_digits()?);
        let colon = self.eat(b':');
        let minutes = match self.two_digits() {
            Some(minutes) => i32::from(minutes),
            None if colon => return None,
            None => 0,
        };
        let shown = format!(
            "{}{hours:02}:{minutes:02}",
            if negative { '-' } else { '+' }
        );
        if minutes > 59 {
            return Some(Err(crate::msg!("zone-offset-minutes", offset = shown)));
        }
        let seconds = (hours * 60 + minutes) * 60;
        let seconds = if negative { -seconds } else { seconds };
        Some(
            Offset::from_seconds(seconds)
                .map_err(|_| crate::msg!("zone-offset-range", offset = shown)),
        )
    }
}

#[cfg(test)]
mod tests;
