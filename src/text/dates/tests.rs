use super::*;
use jiff::civil::date;

fn utc(text: &str) -> Timestamp {
    text.parse().expect("valid test timestamp")
}

fn zone(spec: &str) -> TimeZone {
    parse_timezone(spec).expect("valid test zone")
}

fn hcm() -> TimeZone {
    zone("Asia/Ho_Chi_Minh")
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

// ---- parse_timezone ----

#[test]
fn timezone_offsets() {
    let ts = utc("2023-06-05T01:30:00Z");
    assert_eq!(zone("+07:00").to_offset(ts).seconds(), 7 * 3600);
    assert_eq!(zone("+0700").to_offset(ts).seconds(), 7 * 3600);
    assert_eq!(zone("+07").to_offset(ts).seconds(), 7 * 3600);
    assert_eq!(zone("-05:30").to_offset(ts).seconds(), -(5 * 3600 + 1800));
    assert_eq!(zone("-0330").to_offset(ts).seconds(), -(3 * 3600 + 1800));
    assert_eq!(zone("+00:00").to_offset(ts).seconds(), 0);
    assert_eq!(
        zone("  +05:45  ").to_offset(ts).seconds(),
        5 * 3600 + 45 * 60
    );
}

#[test]
fn timezone_utc_names() {
    for spec in ["UTC", "utc", "Z", "z", " UTC "] {
        assert_eq!(zone(spec), TimeZone::UTC, "{spec}");
    }
}

#[test]
fn timezone_iana() {
    let tz = hcm();
    assert_eq!(tz.iana_name(), Some("Asia/Ho_Chi_Minh"));
    assert_eq!(
        tz.to_offset(utc("2023-06-05T00:00:00Z")).seconds(),
        7 * 3600
    );
    assert!(parse_timezone("Asia/Saigon").is_ok());
    assert!(parse_timezone("europe/berlin").is_ok());
}

#[test]
fn timezone_errors() {
    for spec in [
        "",
        "   ",
        "Nope/Nowhere",
        "+7",
        "+07:0",
        "+07:",
        "+07:00x",
        "+",
        "GMT+7",
        "+07:60",
        "+26:00",
        "Đà Lạt",
        "../../etc/passwd",
    ] {
        let err = parse_timezone(spec).expect_err(spec);
        assert!(err.contains("expected an offset like +07:00"), "{err}");
    }
    assert!(parse_timezone("+07:60").unwrap_err().contains("59 minutes"));
    assert!(
        parse_timezone("+26:00")
            .unwrap_err()
            .contains("out of range")
    );
    assert!(
        parse_timezone("Mars/Olympus")
            .unwrap_err()
            .contains("\"Mars/Olympus\"")
    );
}

// ---- parse_date ----

#[test]
fn date_only_is_local_midnight() {
    assert_eq!(
        parse_date("2023-06-05", &hcm()),
        Ok(utc("2023-06-04T17:00:00Z"))
    );
    assert_eq!(
        parse_date("2023-06-05", &TimeZone::UTC),
        Ok(utc("2023-06-05T00:00:00Z"))
    );
}

#[test]
fn local_forms() {
    let tz = hcm();
    let expected = Ok(utc("2023-06-05T01:30:00Z"));
    assert_eq!(parse_date("2023-06-05 08:30", &tz), expected);
    assert_eq!(parse_date("2023-06-05T08:30", &tz), expected);
    assert_eq!(parse_date("2023-06-05t08:30", &tz), expected);
    let expected = Ok(utc("2023-06-05T01:30:15Z"));
    assert_eq!(parse_date("2023-06-05 08:30:15", &tz), expected);
    assert_eq!(parse_date("2023-06-05T08:30:15", &tz), expected);
    assert_eq!(
        parse_date("2023-06-05T08:30:15.25", &tz),
        Ok(utc("2023-06-05T01:30:15.25Z"))
    );
}

#[test]
fn surrounding_whitespace_ignored() {
    assert_eq!(
        parse_date("  \t2023-06-05 08:30\n", &hcm()),
        Ok(utc("2023-06-05T01:30:00Z"))
    );
}

#[test]
fn rfc3339_forms_are_absolute() {
    // The site zone must not matter when an offset is given.
    for tz in [hcm(), TimeZone::UTC, zone("America/New_York")] {
        assert_eq!(
            parse_date("2023-06-05T08:30:00+07:00", &tz),
            Ok(utc("2023-06-05T01:30:00Z"))
        );
        assert_eq!(
            parse_date("2023-06-05T08:30:00Z", &tz),
            Ok(utc("2023-06-05T08:30:00Z"))
        );
    }
    let tz = hcm();
    assert_eq!(
        parse_date("2023-06-05T08:30:00z", &tz),
        Ok(utc("2023-06-05T08:30:00Z"))
    );
    assert_eq!(
        parse_date("2023-06-05T08:30:00.123456789Z", &tz),
        Ok(utc("2023-06-05T08:30:00.123456789Z"))
    );
    assert_eq!(
        parse_date("2023-06-05T08:30:00.5+07:00", &tz),
        Ok(utc("2023-06-05T01:30:00.5Z"))
    );
    assert_eq!(
        parse_date("2023-06-05T08:30:00-05:30", &tz),
        Ok(utc("2023-06-05T14:00:00Z"))
    );
    assert_eq!(
        parse_date("2023-06-05T08:30:00-00:00", &tz),
        Ok(utc("2023-06-05T08:30:00Z"))
    );
    assert_eq!(
        parse_date("2023-06-05 08:30:00+0700", &tz),
        Ok(utc("2023-06-05T01:30:00Z"))
    );
    // Jekyll's front-matter style.
    assert_eq!(
        parse_date("2023-06-05 08:30:00 +0700", &tz),
        Ok(utc("2023-06-05T01:30:00Z"))
    );
    assert_eq!(
        parse_date("2023-06-05T08:30+07:00", &tz),
        Ok(utc("2023-06-05T01:30:00Z"))
    );
}

#[test]
fn offset_crosses_date_line() {
    assert_eq!(
        parse_date("2023-01-01T00:30:00+07:00", &TimeZone::UTC),
        Ok(utc("2022-12-31T17:30:00Z"))
    );
}

#[test]
fn dst_zone_local_times() {
    let berlin = zone("Europe/Berlin");
    // Summer (CEST, +02:00) and winter (CET, +01:00).
    assert_eq!(
        parse_date("2023-06-05 08:30", &berlin),
        Ok(utc("2023-06-05T06:30:00Z"))
    );
    assert_eq!(
        parse_date("2023-01-15 08:30", &berlin),
        Ok(utc("2023-01-15T07:30:00Z"))
    );
    // 02:30 does not exist on 2023-03-26: "compatible" moves it to 03:30 CEST.
    assert_eq!(
        parse_date("2023-03-26 02:30", &berlin),
        Ok(utc("2023-03-26T01:30:00Z"))
    );
    // 02:30 happens twice on 2023-10-29: "compatible" takes the first (CEST).
    assert_eq!(
        parse_date("2023-10-29 02:30", &berlin),
        Ok(utc("2023-10-29T00:30:00Z"))
    );
}

#[test]
fn leap_years() {
    assert!(parse_date("2024-02-29", &TimeZone::UTC).is_ok());
    assert!(parse_date("2000-02-29", &TimeZone::UTC).is_ok());
    let err = parse_date("1900-02-29", &TimeZone::UTC).unwrap_err();
    assert!(err.contains("February 1900 has only 28 days"), "{err}");
}

#[test]
fn leap_second_is_clamped() {
    assert_eq!(
        parse_date("2016-12-31T23:59:60Z", &TimeZone::UTC),
        Ok(utc("2016-12-31T23:59:59Z"))
    );
}

#[test]
fn error_message_example() {
    assert_eq!(
        parse_date("2023-13-01", &hcm()).unwrap_err(),
        "invalid date \"2023-13-01\": month 13 does not exist \
         (expected 05/06/2023, 05/06/2023 08:30, 2023-06-05, 2023-06-05 08:30 or 2023-06-05T08:30:00+07:00)"
    );
    assert_eq!(
        parse_date("05-06-2023", &hcm()).unwrap_err(),
        "invalid date \"05-06-2023\": \
         expected 05/06/2023, 05/06/2023 08:30, 2023-06-05, 2023-06-05 08:30 or 2023-06-05T08:30:00+07:00"
    );
}

#[test]
fn day_month_year_is_the_vietnamese_order() {
    let tz = hcm();
    assert_eq!(parse_date("05/06/2023", &tz), parse_date("2023-06-05", &tz));
    assert_eq!(
        parse_date("5/6/2023 08:30", &tz),
        parse_date("2023-06-05 08:30", &tz)
    );
    assert_eq!(
        parse_date(" 05/06/2023 08:30:15 ", &tz),
        parse_date("2023-06-05 08:30:15", &tz)
    );
    for (text, reason) in [
        ("31/02/2024", "2/2024 has no day 31"),
        (
            "12/31/2024",
            "there is no month 31 (dates are day/month/year)",
        ),
        ("05/06/2023 25:00", "hour 25 does not exist"),
    ] {
        let err = parse_date(text, &tz).unwrap_err();
        assert!(err.contains(reason), "{err}");
    }
    for text in [
        "05/06/23",
        "005/06/2023",
        "05/06/2023T08:30",
        "05/06/2023 08:30+07:00",
        "05/06/2023  08:30",
    ] {
        assert!(parse_date(text, &tz).is_err(), "{text}");
    }
}

#[test]
fn impossible_values_are_explained() {
    let tz = hcm();
    let cases = [
        ("2023-02-30", "February 2023 has only 28 days"),
        ("2023-04-31", "April 2023 has only 30 days"),
        ("2023-00-10", "month 00 does not exist"),
        ("2023-06-00", "day 00 does not exist"),
        ("2023-06-05 24:00", "hour 24 does not exist"),
        ("2023-06-05 08:60", "minute 60 does not exist"),
        ("2023-06-05 08:30:61", "second 61 does not exist"),
        (
            "2023-06-05T08:30:00+07:75",
            "offset +07:75 has more than 59 minutes",
        ),
        ("2023-06-05T08:30:00+30:00", "offset +30:00 is out of range"),
    ];
    for (text, reason) in cases {
        let err = parse_date(text, &tz).unwrap_err();
        assert!(
            err.starts_with(&format!("invalid date \"{text}\"")),
            "{err}"
        );
        assert!(err.contains(reason), "{err}");
        assert!(err.contains("expected 05/06/2023"), "{err}");
    }
}

#[test]
fn malformed_inputs() {
    let tz = hcm();
    for text in [
        "",
        "   ",
        "hôm nay",
        "2023",
        "2023-06",
        "2023-6-5",
        "23-06-05",
        "20230605",
        "2023/06/05",
        "05-06-2023",
        "2023-06-05T",
        "2023-06-05T08",
        "2023-06-05T8:30",
        "2023-06-05T08:30:",
        "2023-06-05T08:30:00.",
        "2023-06-05T08:30:00.1234567890Z",
        "2023-06-05  08:30",
        "2023-06-05T08:30:00+",
        "2023-06-05T08:30:00+07:",
        "2023-06-05T08:30:00+07:00[Asia/Tokyo]",
        "2023-06-05T08:30:00ZZ",
        "+2023-06-05",
        "２０２３-06-05",
        "2023-06-05T08:30:00+07:00\u{301}",
    ] {
        let err = parse_date(text, &tz).expect_err(text);
        assert!(err.starts_with("invalid date"), "{err}");
        assert!(err.contains("expected 05/06/2023"), "{err}");
    }
}

#[test]
fn extreme_years() {
    assert_eq!(
        parse_date("0000-01-01T00:00:00Z", &TimeZone::UTC),
        Ok(utc("0000-01-01T00:00:00Z"))
    );
    // jiff's last instant is 9999-12-30T22:00Z (it leaves room for any
    // offset), so the very last civil day only partly exists.
    assert!(parse_date("9999-12-30", &TimeZone::UTC).is_ok());
    let err = parse_date("9999-12-31", &TimeZone::UTC).unwrap_err();
    assert!(err.contains("outside the supported range"), "{err}");
    // Past the end of jiff's range once the offset is applied.
    let err = parse_date("9999-12-31T23:00:00-05:00", &TimeZone::UTC).unwrap_err();
    assert!(err.contains("outside the supported range"), "{err}");
    assert!(parse_date("9999-12-31T23:59:59", &zone("-12:00")).is_err());
}

// ---- format_date ----

#[test]
fn format_examples() {
    let d = date(2023, 6, 5);
    assert_eq!(format_date(d, "{dd}/{mm}/{yyyy}", &[]), "05/06/2023");
    let en = names(&[
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
    ]);
    assert_eq!(format_date(d, "{d} {month} {yyyy}", &en), "5 June 2023");
    assert_eq!(
        format_date(date(2023, 12, 25), "{month} {d}, {yyyy}", &en),
        "December 25, 2023"
    );
}

#[test]
fn format_vietnamese_month_names() {
    let vi: Vec<String> = (1..=12).map(|m| format!("tháng {m}")).collect();
    assert_eq!(
        format_date(date(2023, 6, 5), "ngày {d} {month} năm {yyyy}", &vi),
        "ngày 5 tháng 6 năm 2023"
    );
}

#[test]
fn format_tokens_unpadded_and_padded() {
    let d = date(2023, 11, 25);
    assert_eq!(format_date(d, "{d}.{m}|{dd}.{mm}", &[]), "25.11|25.11");
    let d = date(2023, 1, 2);
    assert_eq!(format_date(d, "{d}.{m}|{dd}.{mm}", &[]), "2.1|02.01");
    assert_eq!(format_date(date(987, 1, 2), "{yyyy}", &[]), "0987");
    assert_eq!(format_date(date(-44, 3, 15), "{yyyy}", &[]), "-000044");
}

#[test]
fn format_short_month_list_falls_back_to_number() {
    let short = names(&["Jan", "Feb"]);
    assert_eq!(format_date(date(2023, 2, 1), "{month}", &short), "Feb");
    assert_eq!(format_date(date(2023, 6, 5), "{month}", &short), "6");
    assert_eq!(format_date(date(2023, 6, 5), "{month}", &[]), "6");
}

#[test]
fn format_literal_text_and_braces() {
    let d = date(2023, 6, 5);
    assert_eq!(format_date(d, "", &[]), "");
    assert_eq!(format_date(d, "no tokens", &[]), "no tokens");
    assert_eq!(format_date(d, "{", &[]), "{");
    assert_eq!(format_date(d, "}{", &[]), "}{");
    assert_eq!(format_date(d, "{x} {dd", &[]), "{x} {dd");
    assert_eq!(format_date(d, "{{dd}}", &[]), "{05}");
    assert_eq!(format_date(d, "{yy}{ddd}", &[]), "{yy}{ddd}");
    assert_eq!(format_date(d, "Thứ hai, {dd}·{mm}", &[]), "Thứ hai, 05·06");
}

// ---- rfc3339 / rfc2822 / local_date ----

#[test]
fn rfc3339_in_zone() {
    let ts = utc("2023-06-05T01:30:00Z");
    assert_eq!(rfc3339(ts, &hcm()), "2023-06-05T08:30:00+07:00");
    assert_eq!(rfc3339(ts, &TimeZone::UTC), "2023-06-05T01:30:00+00:00");
    assert_eq!(rfc3339(ts, &zone("-05:30")), "2023-06-04T20:00:00-05:30");
    assert_eq!(
        rfc3339(ts, &zone("Europe/Berlin")),
        "2023-06-05T03:30:00+02:00"
    );
    let winter = utc("2023-01-15T07:30:00Z");
    assert_eq!(
        rfc3339(winter, &zone("Europe/Berlin")),
        "2023-01-15T08:30:00+01:00"
    );
}

#[test]
fn rfc3339_drops_subseconds() {
    let ts = utc("2023-06-05T01:30:00.999Z");
    assert_eq!(rfc3339(ts, &hcm()), "2023-06-05T08:30:00+07:00");
}

#[test]
fn rfc3339_round_trips_through_parse_date() {
    let tz = zone("America/St_Johns");
    let ts = utc("2023-06-05T01:30:00Z");
    let text = rfc3339(ts, &tz);
    assert_eq!(text, "2023-06-04T23:00:00-02:30");
    assert_eq!(parse_date(&text, &hcm()), Ok(ts));
}

#[test]
fn historical_offsets_with_seconds_still_name_the_instant() {
    // Saigon local mean time was +07:06:40 until 1906.
    let ts = utc("1900-01-01T00:00:00Z");
    let text = rfc3339(ts, &hcm());
    assert_eq!(text, "1900-01-01T07:07:00+07:07");
    assert_eq!(parse_date(&text, &TimeZone::UTC), Ok(ts));
}

#[test]
fn rfc2822_format() {
    let ts = utc("2023-06-05T01:30:00Z");
    assert_eq!(rfc2822(ts, &hcm()), "Mon, 05 Jun 2023 08:30:00 +0700");
    assert_eq!(
        rfc2822(ts, &TimeZone::UTC),
        "Mon, 05 Jun 2023 01:30:00 +0000"
    );
    // West of UTC the local date is the previous day, a Sunday.
    assert_eq!(
        rfc2822(ts, &zone("-05:30")),
        "Sun, 04 Jun 2023 20:00:00 -0530"
    );
}

#[test]
fn rfc2822_weekdays_and_months() {
    let cases = [
        ("2024-01-01T12:00:00Z", "Mon, 01 Jan 2024"),
        ("2024-02-06T12:00:00Z", "Tue, 06 Feb 2024"),
        ("2024-03-13T12:00:00Z", "Wed, 13 Mar 2024"),
        ("2024-04-18T12:00:00Z", "Thu, 18 Apr 2024"),
        ("2024-05-24T12:00:00Z", "Fri, 24 May 2024"),
        ("2024-06-29T12:00:00Z", "Sat, 29 Jun 2024"),
        ("2024-07-07T12:00:00Z", "Sun, 07 Jul 2024"),
        ("2024-08-15T12:00:00Z", "Thu, 15 Aug 2024"),
        ("2024-09-02T12:00:00Z", "Mon, 02 Sep 2024"),
        ("2024-10-31T12:00:00Z", "Thu, 31 Oct 2024"),
        ("2024-11-05T12:00:00Z", "Tue, 05 Nov 2024"),
        ("2024-12-25T12:00:00Z", "Wed, 25 Dec 2024"),
        ("1970-01-01T00:00:00Z", "Thu, 01 Jan 1970"),
        ("2000-02-29T00:00:00Z", "Tue, 29 Feb 2000"),
    ];
    for (instant, prefix) in cases {
        let text = rfc2822(utc(instant), &TimeZone::UTC);
        assert!(text.starts_with(prefix), "{instant}: {text}");
    }
}

#[test]
fn rfc2822_dst() {
    let berlin = zone("Europe/Berlin");
    assert_eq!(
        rfc2822(utc("2023-06-05T06:30:00Z"), &berlin),
        "Mon, 05 Jun 2023 08:30:00 +0200"
    );
    assert_eq!(
        rfc2822(utc("2023-12-05T07:30:00Z"), &berlin),
        "Tue, 05 Dec 2023 08:30:00 +0100"
    );
}

#[test]
fn local_date_in_zone() {
    let ts = utc("2023-06-04T18:00:00Z");
    assert_eq!(local_date(ts, &hcm()), date(2023, 6, 5));
    assert_eq!(local_date(ts, &TimeZone::UTC), date(2023, 6, 4));
    assert_eq!(local_date(ts, &zone("-08:00")), date(2023, 6, 4));
    let late = utc("2023-06-05T16:59:59Z");
    assert_eq!(local_date(late, &hcm()), date(2023, 6, 5));
    assert_eq!(
        local_date(late + jiff::SignedDuration::from_secs(1), &hcm()),
        date(2023, 6, 6)
    );
}

#[test]
fn extreme_timestamps_do_not_panic() {
    let zones = [
        TimeZone::UTC,
        hcm(),
        zone("Europe/Berlin"),
        TimeZone::fixed(Offset::MAX),
        TimeZone::fixed(Offset::MIN),
    ];
    for ts in [Timestamp::MIN, Timestamp::MAX, Timestamp::UNIX_EPOCH] {
        for tz in &zones {
            assert!(!rfc3339(ts, tz).is_empty());
            assert!(!rfc2822(ts, tz).is_empty());
            let _ = local_date(ts, tz);
        }
    }
    assert_eq!(
        rfc3339(Timestamp::MIN, &TimeZone::UTC),
        "-009999-01-02T01:59:59+00:00"
    );
    let _ = format_date(Date::MIN, "{d} {dd} {m} {mm} {yyyy} {month}", &[]);
    let _ = format_date(Date::MAX, "{d} {dd} {m} {mm} {yyyy} {month}", &[]);
}
