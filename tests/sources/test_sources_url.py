"""fetch_offer against the local server: JSON-LD variants, plain pages, failures, redirects, SSRF."""

from __future__ import annotations

import re

import pytest

from jobapp.errors import BlockedUrl, InvalidInput, SourceError
from jobapp.sources.netguard import UrlGuard
from jobapp.sources.ratelimit import HostRateLimiter
from jobapp.sources.results import SearchRequest
from jobapp.sources.url import USER_AGENT, fetch_offer, resolve_url

NO_WAIT = HostRateLimiter(0)
POSTING = {
    "@type": "JobPosting",
    "title": "Ingénieur·e Machine Learning",
    "description": "&lt;p&gt;Au sein de l'équipe IA :&lt;/p&gt;&lt;ul&gt;&lt;li&gt;entraîner des modèles&lt;/li&gt;"
    "&lt;li&gt;les déployer&lt;/li&gt;&lt;/ul&gt;",
    "hiringOrganization": {"@type": "Organization", "name": "Nova Santé"},
    "jobLocation": [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Nantes",
                "postalCode": "44000",
                "addressCountry": "FR",
            },
        },
        {"@type": "Place", "address": {"addressLocality": "Rennes", "addressCountry": {"name": "France"}}},
    ],
    "employmentType": ["FULL_TIME", "PERMANENT"],
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 48000, "maxValue": 58000, "unitText": "YEAR"},
    },
    "datePosted": "2026-11-02T08:00:00+01:00",
    "identifier": {"@type": "PropertyValue", "name": "Nova", "value": "REF-778"},
}


@pytest.fixture
def guard():
    """Lets the test server (127.0.0.1) through; everything else private stays blocked."""
    return UrlGuard(allow_private=False, allowed_networks=["127.0.0.1/32"])


def fetch(url, guard, **kw):
    return fetch_offer(url, guard=guard, limiter=NO_WAIT, **kw)


def test_jsonld_object_with_html_description(server, pages, guard):
    url = server.add("/offre/1", pages.jsonld_page(POSTING))
    offer = fetch(url, guard)
    assert offer.title == "Ingénieur·e Machine Learning"
    assert offer.company == "Nova Santé"
    assert offer.location == "Nantes (44000), FR ; Rennes, France"
    assert offer.contract == "cdi"
    assert offer.salary == "48 000 - 58 000 EUR / year"
    assert offer.date_posted == "2026-11-02"
    assert offer.source_id == "REF-778" and offer.source == "url" and offer.url == url
    assert offer.description == "Au sein de l'équipe IA :\n\n- entraîner des modèles\n- les déployer"
    assert server.hits("/offre/1")[0]["headers"]["User-Agent"] == USER_AGENT


def test_jsonld_in_graph_and_list_and_missing_company(server, pages, guard):
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Carrières"},
            {
                "@type": ["JobPosting"],
                "name": "Comptable H/F",
                "description": "<p>Tenue des comptes.</p>",
                "hiringOrganization": "Cabinet Durand",
                "employmentType": "CDD",
                "jobLocation": {"address": "12 rue de la Paix, Paris"},
                "jobLocationType": "TELECOMMUTE",
            },
        ],
    }
    offer = fetch(server.add("/graph", pages.jsonld_page(graph)), guard)
    assert (offer.title, offer.company, offer.contract) == ("Comptable H/F", "Cabinet Durand", "cdd")
    assert offer.location == "12 rue de la Paix, Paris ; télétravail possible"

    listed = [
        {"@type": "Organization", "name": "X"},
        {
            "@type": "JobPosting",
            "title": "Boulanger",
            "description": "Pétrir la pâte chaque matin à 4 h.",
            "baseSalary": 2100,
            "salaryCurrency": "EUR",
        },
    ]
    offer = fetch(server.add("/list", pages.jsonld_page(listed)), guard)
    assert offer.title == "Boulanger" and offer.company == "" and offer.salary == "2 100 EUR"
    assert offer.description == "Pétrir la pâte chaque matin à 4 h."


def test_page_without_jsonld_uses_main_text(server, guard):
    body = (
        "<html><head><title>Chargé de recrutement H/F | Jobs Exemple</title></head><body>"
        "<nav>Accueil Offres Contact</nav><main><article><h1>Chargé de recrutement H/F</h1>"
        "<p>Entreprise : Horizon RH. Poste basé à Lille, en CDI.</p>"
        "<h2>Vos missions</h2><ul><li>Sourcer des candidats sur les jobboards et LinkedIn.</li>"
        "<li>Mener les entretiens de préqualification par téléphone.</li>"
        "<li>Suivre les candidatures dans notre ATS et relancer les managers.</li></ul>"
        "<h2>Votre profil</h2><p>Vous avez une première expérience réussie en recrutement, idéalement "
        "en cabinet, et vous aimez le contact humain et le travail en équipe.</p></article></main>"
        "<footer>Mentions légales</footer></body></html>"
    )
    offer = fetch(server.add("/plain", body), guard)
    assert offer.title == "Chargé de recrutement H/F"
    assert "Mener les entretiens de préqualification" in offer.description
    assert "Mentions légales" not in offer.description
    assert offer.source == "url"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (403, "refused the request (HTTP 403)"),
        (429, "refused the request (HTTP 429)"),
        (500, "answered HTTP 500"),
        (404, "does not exist"),
    ],
)
def test_http_failures_have_clear_messages(server, guard, status, expected):
    url = server.add(f"/status/{status}", "no", status=status)
    with pytest.raises(SourceError, match=re.escape(expected)) as info:
        fetch(url, guard)
    if status in (403, 429):
        assert "paste the offer's text" in str(info.value)


def test_hanging_page_times_out(server, pages, guard):
    server.routes["/hang"] = pages.hanging(3)
    with pytest.raises(SourceError, match=r"did not answer within 0\.5 s"):
        fetch(server.url("/hang"), guard, timeout=0.5)


def test_size_limit(server, guard):
    url = server.add("/big", "<html><body>" + "x" * 200_000 + "</body></html>")
    with pytest.raises(SourceError, match="too large"):
        fetch(url, guard, max_bytes=100_000)


def test_not_a_web_page(server, guard):
    url = server.add("/cv.pdf", b"%PDF-1.7", content_type="application/pdf")
    with pytest.raises(SourceError, match="not a web page"):
        fetch(url, guard)


def test_redirects_are_followed_and_rechecked(server, pages, guard):
    server.add("/offre/1", pages.jsonld_page(POSTING))
    server.add("/short", status=301, headers={"Location": "/offre/1"})
    offer = fetch(server.url("/short"), guard)
    assert offer.url == server.url("/offre/1") and offer.company == "Nova Santé"

    for target in ("http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        server.add("/evil", status=302, headers={"Location": target})
        with pytest.raises(BlockedUrl):
            fetch(server.url("/evil"), guard)


def test_redirect_to_a_name_resolving_privately_is_refused(server, guard):
    def resolver(host, port):
        return {"internal.test": ["10.9.8.7"]}[host]

    guard.resolver = resolver
    server.add("/evil", status=302, headers={"Location": "http://internal.test/secret"})
    with pytest.raises(BlockedUrl, match=r"internal.test \(10.9.8.7\)"):
        fetch(server.url("/evil"), guard)


def test_connects_to_the_checked_address_and_keeps_the_host_name(server, pages):
    """DNS pinning: the name is resolved once by the guard and the connection goes to that address."""
    guard = UrlGuard(
        allow_private=False,
        allowed_networks=["127.0.0.1/32"],
        resolver=lambda host, port: {"jobs.test": ["127.0.0.1"]}[host],
    )
    server.add("/offre/1", pages.jsonld_page(POSTING))
    offer = fetch(f"http://jobs.test:{server.port}/offre/1", guard)
    assert offer.title.startswith("Ingénieur")
    assert server.hits("/offre/1")[0]["headers"]["Host"] == f"jobs.test:{server.port}"


def test_too_many_redirects(server, guard):
    server.add("/loop", status=302, headers={"Location": "/loop"})
    with pytest.raises(SourceError, match="Too many redirects"):
        fetch(server.url("/loop"), guard)
    assert len(server.hits("/loop")) == 6  # the first request + 5 redirects


def test_default_policy_blocks_the_local_server(server, pages):
    url = server.add("/offre/1", pages.jsonld_page(POSTING))
    with pytest.raises(BlockedUrl, match="loopback"):
        fetch_offer(url, limiter=NO_WAIT)
    assert not server.hits("/offre/1")


def test_allow_setting_reaches_the_local_server(server, pages, monkeypatch):
    monkeypatch.setenv("JOBAPP_ALLOW_PRIVATE_URLS", "1")
    url = server.add("/offre/1", pages.jsonld_page(POSTING))
    assert fetch_offer(url, limiter=NO_WAIT).company == "Nova Santé"


def test_resolve_url_search_vs_offer(server, pages, guard):
    request = resolve_url("https://www.hellowork.com/fr-fr/emploi/recherche.html?k=comptable&l=Paris")
    assert isinstance(request, SearchRequest)
    assert (request.query, request.location, request.boards) == ("comptable", "Paris", ["hellowork"])
    indeed = resolve_url("https://fr.indeed.com/jobs?q=infirmier&l=Lille&fromage=3")
    assert (indeed.boards, indeed.query, indeed.max_age_days) == (["indeed"], "infirmier", 3)
    with pytest.raises(InvalidInput, match="no keywords"):
        resolve_url("https://www.hellowork.com/fr-fr/emploi/recherche.html?l=Paris")
    url = server.add("/offre/1", pages.jsonld_page(POSTING))
    assert resolve_url(url, guard=guard, limiter=NO_WAIT).title.startswith("Ingénieur")


def test_empty_url():
    with pytest.raises(InvalidInput):
        fetch_offer("  ")


def _self_signed(tmp_path, name):
    """A certificate for ``name`` (and its key), made with `cryptography`."""
    import datetime

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_https_pinning_verifies_the_certificate_for_the_host_name(tmp_path, pages):
    """Connecting to the pinned IP still checks TLS against the name (SNI + hostname check)."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    cert, key = _self_signed(tmp_path, "jobs.test")
    page = pages.jsonld_page(POSTING).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    httpd.socket = server_ctx.wrap_socket(httpd.socket, server_side=True)
    httpd.handle_error = lambda request, address: None
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    trust = ssl.create_default_context(cafile=str(cert))
    table = {"jobs.test": ["127.0.0.1"], "evil.test": ["127.0.0.1"]}
    guard = UrlGuard(allowed_networks=["127.0.0.1/32"], resolver=lambda host, p: table[host])
    try:
        offer = fetch_offer(f"https://jobs.test:{port}/o", guard=guard, limiter=NO_WAIT, verify=trust)
        assert offer.company == "Nova Santé"
        with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED"):
            fetch_offer(f"https://evil.test:{port}/o", guard=guard, limiter=NO_WAIT, verify=trust)
    finally:
        httpd.shutdown()
        httpd.server_close()
