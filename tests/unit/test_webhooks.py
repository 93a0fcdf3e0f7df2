"""Webhook signing, the retry schedule, and the checks that keep deliveries off internal addresses."""

from __future__ import annotations

import hashlib
import hmac
import random
import socket
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.errors import ValidationError
from shared.domain.webhooks import (
    BASE_DELAY_SECONDS,
    DELIVERY_WINDOW,
    MAX_DELAY_SECONDS,
    SIGNATURE_HEADER,
    check_resolved_addresses,
    check_target_url,
    new_secret,
    next_attempt_at,
    next_attempt_delay,
    resolve_and_check,
    retry_allowed,
    sign,
    verify,
)

from .builders import T0

SECRET = "whsec_test-secret-for-signing"
BODY = b'{"type":"IdeaMilestoneReached","ideaId":"idea-1"}'
NOW = 1_767_225_600


def stripe_style_signature(secret: str, body: bytes, timestamp: int) -> str:
    """The scheme written out independently: HMAC-SHA256 of "<t>.<body>", lower-case hex."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


GOOD = stripe_style_signature(SECRET, BODY, NOW)


def refusal(url: str, *, allow_loopback: bool = False, require_https: bool = True) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        check_target_url(url, allow_loopback=allow_loopback, require_https=require_https)
    assert raised.value.field == "url"
    return raised.value


def refused_field(url: str) -> str | None:
    """None when the URL is accepted; the error's field when it is refused with a ValidationError."""
    try:
        check_target_url(url, allow_loopback=False, require_https=False)
    except ValidationError as error:
        return error.field
    return None


# Signing


def test_the_signature_header_is_named_cocreate_signature():
    assert SIGNATURE_HEADER == "Cocreate-Signature"


def test_a_signature_carries_the_timestamp_and_the_hmac_of_timestamp_dot_body():
    header = sign(SECRET, BODY, NOW)

    assert header == f"t={NOW},v1={stripe_style_signature(SECRET, BODY, NOW)}"


def test_a_bytes_secret_signs_like_its_utf8_text():
    assert sign(SECRET.encode(), BODY, NOW) == sign(SECRET, BODY, NOW)


def test_a_signed_body_verifies():
    assert verify(SECRET, BODY, sign(SECRET, BODY, NOW), now=NOW)


@given(
    secret=st.one_of(st.text(min_size=1, max_size=64), st.binary(min_size=1, max_size=64)),
    body=st.binary(max_size=512),
    timestamp=st.integers(min_value=0, max_value=10**12),
    skew=st.integers(min_value=-300, max_value=300),
)
def test_any_body_signed_with_any_secret_verifies_within_the_tolerance(secret, body, timestamp, skew):
    assert verify(secret, body, sign(secret, body, timestamp), now=timestamp + skew)


@given(body=st.binary(max_size=256), flip=st.integers(min_value=0, max_value=255))
def test_a_changed_body_does_not_verify(body, flip):
    altered = body + bytes([flip])

    assert not verify(SECRET, altered, sign(SECRET, body, NOW), now=NOW)


def test_another_secret_does_not_verify():
    assert not verify("whsec_another-secret", BODY, sign(SECRET, BODY, NOW), now=NOW)


def test_a_changed_timestamp_does_not_verify():
    signature = stripe_style_signature(SECRET, BODY, NOW)

    assert not verify(SECRET, BODY, f"t={NOW + 1},v1={signature}", now=NOW)


@pytest.mark.parametrize("age", [301, -301, 86_400])
def test_a_signature_older_or_newer_than_the_tolerance_is_refused(age):
    header = sign(SECRET, BODY, NOW)

    assert not verify(SECRET, BODY, header, now=NOW + age)


def test_the_tolerance_can_be_widened():
    header = sign(SECRET, BODY, NOW)

    assert verify(SECRET, BODY, header, now=NOW + 600, tolerance_seconds=600)


def test_during_a_rotation_each_secret_verifies_its_own_entry():
    header = sign("whsec_new", BODY, NOW, previous_secrets=["whsec_old"])

    assert header.count("v1=") == 2
    assert verify("whsec_new", BODY, header, now=NOW)
    assert verify("whsec_old", BODY, header, now=NOW)
    assert not verify("whsec_other", BODY, header, now=NOW)


def test_entries_of_other_schemes_are_ignored():
    header = f"t={NOW},v0=deadbeef,v1={stripe_style_signature(SECRET, BODY, NOW)},v2=future"

    assert verify(SECRET, BODY, header, now=NOW)


def test_upper_case_hex_and_spaces_after_commas_are_accepted():
    header = f"t={NOW}, v1={stripe_style_signature(SECRET, BODY, NOW).upper()}"

    assert verify(SECRET, BODY, header, now=NOW)


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage",
        f"v1={GOOD}",
        f"t={NOW}",
        f"t={NOW},v1=",
        f"t={NOW},v1=abc",
        f"t={NOW},v1={'g' * 64}",
        f"t={NOW},v1={GOOD},v1={'g' * 64}",
        f"t={NOW},t={NOW},v1={GOOD}",
        f"t={NOW},v1={GOOD}," + ",".join([f"v1={'0' * 64}"] * 20),
        f"t={NOW},v1={GOOD}" + " " * 5000,
        f"t={NOW},v1={GOOD},novalue",
        f"t= {NOW},v1={GOOD}",
    ],
)
def test_malformed_headers_do_not_verify(header):
    assert not verify(SECRET, BODY, header, now=NOW)


@given(header=st.text(max_size=300))
def test_verify_answers_false_rather_than_raising_on_any_header(header):
    assert verify(SECRET, BODY, header, now=NOW) is False


def test_signing_with_a_negative_timestamp_is_a_programming_error():
    with pytest.raises(ValueError):
        sign(SECRET, BODY, -1)


def test_signing_with_an_empty_secret_is_a_programming_error():
    with pytest.raises(ValueError):
        sign("", BODY, NOW)


def test_new_secrets_carry_the_prefix_and_256_random_bits():
    first, second = new_secret(), new_secret()

    assert first.startswith("whsec_")
    assert len(first) >= len("whsec_") + 43  # 32 bytes in URL-safe base64
    assert first != second


# Retries


def test_the_first_retry_waits_at_most_the_base_delay():
    delays = [next_attempt_delay(1, random.Random(seed)) for seed in range(200)]

    assert all(0 <= delay <= BASE_DELAY_SECONDS for delay in delays)
    assert max(delays) > BASE_DELAY_SECONDS / 2  # jitter spreads over the whole range


@pytest.mark.parametrize(
    ("attempt", "ceiling"), [(1, 30), (2, 60), (3, 120), (4, 240), (7, 1920), (8, 3600), (50, 3600)]
)
def test_the_ceiling_doubles_per_attempt_up_to_an_hour(attempt, ceiling):
    delays = [next_attempt_delay(attempt, random.Random(seed)) for seed in range(500)]

    assert all(0 <= delay <= ceiling for delay in delays)
    assert max(delays) > ceiling * 0.95


@pytest.mark.parametrize("attempt", [1, 4, 12])
def test_jitter_spreads_delays_down_to_almost_nothing(attempt):
    delays = [next_attempt_delay(attempt, random.Random(seed)) for seed in range(500)]

    assert min(delays) < MAX_DELAY_SECONDS * 0.01
    assert len(set(delays)) == len(delays)


def test_a_huge_attempt_number_is_capped_without_overflow():
    assert 0 <= next_attempt_delay(10**9, random.Random(1)) <= MAX_DELAY_SECONDS


def test_the_same_seed_gives_the_same_schedule():
    first = [next_attempt_delay(attempt, random.Random(42)) for attempt in range(1, 20)]
    second = [next_attempt_delay(attempt, random.Random(42)) for attempt in range(1, 20)]

    assert first == second


@pytest.mark.parametrize("attempt", [0, -1])
def test_attempts_are_numbered_from_one(attempt):
    with pytest.raises(ValueError):
        next_attempt_delay(attempt, random.Random(1))


def test_the_delivery_window_is_at_least_a_day():
    assert timedelta(hours=24) <= DELIVERY_WINDOW


def test_a_retry_is_allowed_just_inside_the_window_and_not_at_its_end():
    assert retry_allowed(T0, T0 + DELIVERY_WINDOW - timedelta(seconds=1))
    assert not retry_allowed(T0, T0 + DELIVERY_WINDOW)


def test_past_the_window_there_is_no_next_attempt():
    assert next_attempt_at(T0, 40, T0 + DELIVERY_WINDOW + timedelta(minutes=5), random.Random(1)) is None


def test_inside_the_window_the_next_attempt_follows_the_jittered_delay():
    now = T0 + timedelta(minutes=10)
    expected = now + timedelta(seconds=next_attempt_delay(5, random.Random(3)))

    assert next_attempt_at(T0, 5, now, random.Random(3)) == expected


@given(seed=st.integers(min_value=0, max_value=2**32))
def test_retries_go_on_for_at_least_a_day_and_then_stop(seed):
    rng = random.Random(seed)
    now, attempt = T0, 1
    while (next_at := next_attempt_at(T0, attempt, now, rng)) is not None:
        assert next_at >= now
        now, attempt = next_at, attempt + 1

    assert now - T0 >= timedelta(hours=24)
    assert now - T0 < DELIVERY_WINDOW + timedelta(seconds=MAX_DELAY_SECONDS)
    assert attempt < 400


# Registration-time URL checks


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com/cocreate",
        "https://hooks.example.com:8443/cocreate?brand=acme",
        "https://8.8.8.8/hook",
        "https://172.32.0.1/hook",
        "https://[2606:4700:4700::1111]/hook",
        "https://[::ffff:8.8.8.8]/hook",
        "https://bücher.example.org/hook",
        "https://hooks.example.com./hook",
    ],
)
def test_public_https_targets_are_accepted(url):
    check_target_url(url, allow_loopback=False, require_https=True)


def test_plain_http_is_refused_when_https_is_required():
    assert "https://" in refusal("http://hooks.example.com/").detail


def test_plain_http_is_accepted_when_https_is_not_required():
    check_target_url("http://hooks.example.com/", allow_loopback=False, require_https=False)


@pytest.mark.parametrize("url", ["ftp://hooks.example.com/", "file:///etc/passwd", "gopher://hooks.example.com/"])
def test_other_schemes_are_refused_even_without_https_required(url):
    refusal(url, require_https=False)


@pytest.mark.parametrize(
    "url",
    ["https://user:pw@hooks.example.com/", "https://user@hooks.example.com/", "https://@hooks.example.com/"],
)
def test_credentials_in_the_url_are_refused(url):
    assert "user name or password" in refusal(url).detail


@pytest.mark.parametrize("url", ["", "https://", "https:///path", "https://:443/"])
def test_a_url_without_a_host_is_refused(url):
    refusal(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://127.0.0.1/", "loopback"),
        ("https://127.255.0.9/", "loopback"),
        ("https://[::1]/", "loopback"),
        ("https://10.0.0.1/", "private"),
        ("https://172.16.0.1/", "private"),
        ("https://172.31.255.254/", "private"),
        ("https://192.168.0.10/", "private"),
        ("https://[fc00::1]/", "private"),
        ("https://[fd12:3456::1]/", "private"),
        ("https://169.254.169.254/latest/meta-data/", "link-local"),
        ("https://169.254.0.1/", "link-local"),
        ("https://[fe80::1]/", "link-local"),
        ("https://[fd00:ec2::254]/", "private"),
        ("https://0.0.0.0/", "unspecified"),
        ("https://[::]/", "unspecified"),
        ("https://224.0.0.1/", "multicast"),
        ("https://[ff02::1]/", "multicast"),
        ("https://240.0.0.1/", "reserved"),
        ("https://255.255.255.255/", "reserved"),
        ("https://100.64.0.1/", "carrier-grade NAT"),
        ("https://100.127.255.254/", "carrier-grade NAT"),
        ("https://192.0.2.10/", "special-purpose"),
        ("https://198.18.0.1/", "special-purpose"),
        ("https://[2001:db8::1]/", "special-purpose"),
        ("https://[fec0::1]/", "site-local"),
    ],
)
def test_literal_addresses_that_are_not_public_are_refused(url, reason):
    assert reason in refusal(url).detail


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://[::ffff:127.0.0.1]/", "loopback"),
        ("https://[::ffff:7f00:1]/", "loopback"),
        ("https://[::ffff:169.254.169.254]/", "link-local"),
        ("https://[::ffff:10.0.0.1]/", "private"),
        ("https://[64:ff9b::a9fe:a9fe]/", "link-local"),  # NAT64 of the metadata address
        ("https://[2002:a9fe:a9fe::1]/", "link-local"),  # 6to4 of the metadata address
        ("https://[::127.0.0.1]/", "reserved"),  # deprecated IPv4-compatible form
    ],
)
def test_ipv4_addresses_inside_ipv6_are_judged_by_the_ipv4_address(url, reason):
    assert reason in refusal(url).detail


@pytest.mark.parametrize(
    "url",
    [
        "https://2130706433/",  # decimal
        "https://0x7f000001/",  # hex
        "https://017700000001/",  # octal
        "https://0x7f.1/",  # hex, two parts
        "https://0177.0.0.1/",  # octal first part
        "https://127.1/",
        "https://127.0.1/",
        "https://0X7F.0.0.1/",
        "https://127.0.0.1./",  # trailing dot
        "https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",  # full-width digits, normalised by IDNA
    ],
)
def test_odd_spellings_of_loopback_are_refused(url):
    assert "127.0.0.1" in refusal(url).detail


@pytest.mark.parametrize(
    "url",
    ["https://2852039166/", "https://0xa9.0xfe.0xa9.0xfe/", "https://0251.0376.0251.0376/", "https://169.254.43518/"],
)
def test_odd_spellings_of_the_metadata_address_are_refused(url):
    assert "169.254.169.254" in refusal(url).detail


@pytest.mark.parametrize(
    "url",
    ["https://1.2.3.4.5/", "https://256.0.0.1/", "https://1.2.3.256/", "https://09.1.1.1/", "https://1.2.0x1g.3/"],
)
def test_numeric_hosts_that_are_no_valid_ipv4_address_are_refused(url):
    assert "IPv4" in refusal(url).detail


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com\\@169.254.169.254/",
        "https://hooks.example.com /",
        "https://hooks.example.com/\n",
        "https://hooks.\x00example.com/",
    ],
)
def test_backslashes_whitespace_and_control_characters_are_refused(url):
    refusal(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://[fe80::1%25eth0]/",
        "https://127.0.0.%31/",
        "https://[::1/",
        "https://[v1.fe]/",
        "https://[127.0.0.1]/",
        "https://hooks.example.com:99999/",
    ],
)
def test_zones_percent_encoded_hosts_and_broken_urls_are_refused(url):
    refusal(url)


def test_port_zero_is_refused():
    assert "port" in refusal("https://hooks.example.com:0/").detail


@pytest.mark.parametrize(
    "url", ["https://hooks.example.com:22/", "https://hooks.example.com:6379/x", "https://93.184.216.34:8080/"]
)
def test_ports_other_than_443_and_8443_are_refused(url):
    assert "port 443 or 8443" in refusal(url).detail


@pytest.mark.parametrize(
    "url", ["https://hooks.example.com/x", "https://hooks.example.com:443/x", "https://hooks.example.com:8443/x"]
)
def test_the_https_ports_are_accepted(url):
    check_target_url(url, allow_loopback=False, require_https=True)


@pytest.mark.parametrize("url", ["https://localhost/", "https://LOCALHOST/", "https://api.localhost/"])
def test_localhost_names_are_refused(url):
    assert "localhost" in refusal(url).detail


@pytest.mark.parametrize(
    "url",
    [
        "https://intranet/",
        "https://metadata.google.internal/",
        "https://printer.local/",
        "https://nas.home.arpa/",
        "https://hooks.test/",
        "https://a..b.com/",
        "https://-bad-.example.com/",
        "https://under$score.example.com/",
        f"https://{'a' * 64}.example.com/",
    ],
)
def test_single_label_special_use_and_invalid_names_are_refused(url):
    refusal(url)


def test_a_very_long_url_is_refused():
    refusal("https://hooks.example.com/" + "a" * 3000)


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1:3000/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://localhost:3000/hook",
        "https://2130706433/",
    ],
)
def test_loopback_is_accepted_when_allowed(url):
    check_target_url(url, allow_loopback=True, require_https=True)


@pytest.mark.parametrize("url", ["https://10.0.0.1/", "https://169.254.169.254/", "https://0.0.0.0/"])
def test_allowing_loopback_allows_nothing_else(url):
    refusal(url, allow_loopback=True)


@given(url=st.text(max_size=200))
def test_any_text_is_accepted_or_refused_with_a_validation_error(url):
    assert refused_field(url) in (None, "url")


@given(url=st.from_regex(r"https?://[0-9a-fA-FxX.\[\]:%]{1,40}/", fullmatch=True))
def test_numeric_looking_hosts_never_crash_the_check(url):
    assert refused_field(url) in (None, "url")


@given(address=st.ip_addresses(v=4))
def test_any_accepted_ipv4_literal_is_globally_routable(address):
    try:
        check_target_url(f"https://{address}/", allow_loopback=False, require_https=True)
    except ValidationError:
        return
    assert address.is_global
    assert not address.is_multicast


# Delivery-time checks on resolved addresses


def test_public_resolved_addresses_pass():
    check_resolved_addresses(["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"], allow_loopback=False)


@pytest.mark.parametrize(
    "addresses",
    [["93.184.215.14", "10.0.0.5"], ["169.254.169.254"], ["::ffff:127.0.0.1"], ["fd00:ec2::254"], ["fe80::1%eth0"]],
)
def test_one_internal_resolved_address_refuses_the_target(addresses):
    with pytest.raises(ValidationError) as raised:
        check_resolved_addresses(addresses, allow_loopback=False)

    assert raised.value.field == "url"


def test_resolved_loopback_passes_only_when_allowed():
    check_resolved_addresses(["127.0.0.1", "::1"], allow_loopback=True)
    with pytest.raises(ValidationError):
        check_resolved_addresses(["127.0.0.1"], allow_loopback=False)


def test_no_resolved_address_is_refused():
    with pytest.raises(ValidationError, match="no address"):
        check_resolved_addresses([], allow_loopback=False)


def test_a_resolved_value_that_is_no_address_is_refused():
    with pytest.raises(ValidationError):
        check_resolved_addresses(["hooks.example.com"], allow_loopback=False)


class FakeResolver:
    """Answers like getaddrinfo, from a table; records what it was asked."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, int]] = []

    def __call__(self, host, port, /):
        self.asked.append((host, port))
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        results: list[tuple[object, ...]] = []
        for address in self.answers[host]:
            if ":" in address:
                results.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0)))
            else:
                results.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)))
            results.append((socket.AF_INET, socket.SOCK_DGRAM, 17, "", (address, port)))  # getaddrinfo repeats per type
        return results


def test_resolve_and_check_returns_the_checked_addresses_once_each_in_resolver_order():
    resolver = FakeResolver({"hooks.example.com": ["93.184.215.14", "2606:2800::1", "93.184.215.14"]})

    addresses = resolve_and_check("hooks.example.com", 443, resolver)

    assert addresses == ["93.184.215.14", "2606:2800::1"]
    assert resolver.asked == [("hooks.example.com", 443)]


def test_a_name_rebound_to_an_internal_address_is_refused_at_delivery():
    resolver = FakeResolver({"rebind.example.com": ["169.254.169.254"]})

    with pytest.raises(ValidationError, match=r"169\.254\.169\.254"):
        resolve_and_check("rebind.example.com", 443, resolver)


def test_resolve_and_check_allows_loopback_only_when_asked():
    resolver = FakeResolver({"localhost": ["127.0.0.1", "::1"]})

    assert resolve_and_check("localhost", 3000, resolver, allow_loopback=True) == ["127.0.0.1", "::1"]
    with pytest.raises(ValidationError):
        resolve_and_check("localhost", 3000, resolver)


def test_resolver_failures_propagate_for_the_caller_to_retry():
    with pytest.raises(OSError):
        resolve_and_check("gone.example.com", 443, FakeResolver({}))
