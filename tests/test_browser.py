"""The HTML report in a real browser: headless Chromium renders it, runs none of the notes' scripts,
and prints it to PDF. Skips where Chromium is absent, unless PREPBOT_REQUIRE_BROWSER is set (as
.ci/run does), in which case a missing browser fails the test."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.export import render_report
from prepbot.interview import start_interview

ATTACK = (
    "<script>document.body.setAttribute('data-pwned','yes');document.title='PWNED'</script>"
    "<img src=x onerror=\"document.title='PWNED'\"> [bold]x[/] 🙈"
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found:
        return found
    if os.environ.get("PREPBOT_REQUIRE_BROWSER"):
        pytest.fail("Chromium is required here (PREPBOT_REQUIRE_BROWSER is set) but was not found")
    pytest.skip("Chromium is not installed")


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=browser_env(tmp_path))


def browser_env(tmp_path: Path) -> dict:
    """Chromium's own HOME (and XDG folders) under tmp_path: it writes crash-report settings and
    a dconf cache there, and nothing may land in the real HOME."""
    home = tmp_path / "browser-home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }


def png_pixels(path: Path) -> bytes:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"IDAT":
            idat += data[position + 8 : position + 8 + length]
        position += 12 + length
    return zlib.decompress(idat)


@pytest.fixture
def report_file(bank, tmp_path) -> Path:
    interview = start_interview(bank, "Acme", "Backend", "2026-12-01", "engineer", 20)
    interview.set_note(interview.question_ids[0], f"Nobody reviews code. {ATTACK}\n" + "long note " * 1000)
    interview.set_note(interview.question_ids[1], "Every bug is triaged in Jira.")
    path = tmp_path / "report.html"
    path.write_text(render_report(bank, load_catalogue().matcher, interview, "html"), encoding="utf-8")
    return path


def test_html_report_renders_and_runs_no_script(report_file, tmp_path):
    dom = run_chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Interview report: Acme" in dom.stdout
    assert 'data-pwned="yes"' not in dom.stdout and "<title>PWNED</title>" not in dom.stdout
    assert "&lt;script&gt;document.body.setAttribute" in dom.stdout  # shown as text, whole

    screenshot = tmp_path / "shot.png"
    shot = run_chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1000,1400", report_file.as_uri())
    assert screenshot.exists(), shot.stderr[-2000:]
    pixels = png_pixels(screenshot)
    assert len(set(pixels)) > 20  # not a blank page: text, colours, borders


def test_html_report_prints_to_pdf(report_file, tmp_path):
    pdf = tmp_path / "report.pdf"
    result = run_chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_file.as_uri())
    assert pdf.exists(), result.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages >= 1


# -- the comparison


@pytest.fixture
def comparison_file(bank, tmp_path) -> Path:
    from prepbot.compare import compare
    from prepbot.export import render_comparison
    from prepbot.summary import summarize

    matcher = load_catalogue().matcher
    acme = start_interview(bank, f"Acme {ATTACK}", "Backend", "2026-12-01", "engineer", 20)
    acme.set_note(acme.question_ids[0], f"Nobody reviews code. {ATTACK}\n" + "long note " * 1000)
    acme.set_note(acme.question_ids[1], "Nobody reviews code here either. Every bug is triaged in Jira.")
    globex = start_interview(bank, "Globex", "Platform", "2026-12-03", "manager", 15)
    globex.set_note(globex.question_ids[0], "Every PR needs an approval. Standups take 45 minutes.")
    comparison = compare(bank, [(i, summarize(i, bank, matcher, "off")) for i in (acme, globex)])
    path = tmp_path / "comparison.html"
    path.write_text(render_comparison(bank, comparison, "html"), encoding="utf-8")
    return path


def test_html_comparison_renders_and_runs_no_script(comparison_file, tmp_path):
    dom = run_chromium(tmp_path, "--dump-dom", comparison_file.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Comparison: Acme" in dom.stdout and "Globex" in dom.stdout
    assert 'data-pwned="yes"' not in dom.stdout and "<title>PWNED</title>" not in dom.stdout
    assert "&lt;script&gt;document.body.setAttribute" in dom.stdout
    assert "✗ RED" in dom.stdout and "– not asked" in dom.stdout

    for name, size in (("wide.png", "1400,1000"), ("phone.png", "390,1600")):
        screenshot = tmp_path / name
        shot = run_chromium(tmp_path, f"--screenshot={screenshot}", f"--window-size={size}", comparison_file.as_uri())
        assert screenshot.exists(), shot.stderr[-2000:]
        assert len(set(png_pixels(screenshot))) > 20  # not blank: text, colours, borders


def test_html_comparison_prints_to_pdf_on_a4_landscape(comparison_file, tmp_path):
    pdf = tmp_path / "comparison.pdf"
    result = run_chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", comparison_file.as_uri())
    assert pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) >= 1
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes
    width, height = (float(x) for x in boxes[0])
    assert width > height and abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 landscape, in points


def test_html_comparison_layout_on_screen_phone_and_paper(comparison_file, tmp_path):
    """Through the DevTools protocol: quotes folded on screen, the table becomes one card per company
    on a phone, and on paper the table shows with every quote unfolded."""
    import asyncio
    import json

    aiohttp = pytest.importorskip("aiohttp")
    probe = (
        "JSON.stringify({quotes: [...document.querySelectorAll('table.compare blockquote')].map(b => b.checkVisibility()),"
        " table: document.querySelector('table.compare').checkVisibility(),"
        " cards: document.querySelector('.cards').checkVisibility()})"
    )

    async def look() -> dict:
        browser = await asyncio.create_subprocess_exec(
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "about:blank",
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
            env=browser_env(tmp_path),
        )
        seen = {}
        try:
            port = None
            while port is None:
                line = await asyncio.wait_for(browser.stderr.readline(), timeout=60)
                assert line, "Chromium did not open its DevTools port"
                found = re.search(rb"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
                port = int(found.group(1)) if found else None
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/json/list") as response:
                    page = next(t for t in await response.json(content_type=None) if t["type"] == "page")
                async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                    counter = iter(range(1, 1000))

                    async def call(method: str, **params) -> dict:
                        number = next(counter)
                        await cdp.send_str(json.dumps({"id": number, "method": method, "params": params}))
                        while True:
                            data = json.loads((await asyncio.wait_for(cdp.receive(), timeout=60)).data)
                            if data.get("id") == number:
                                return data.get("result", {})

                    await call("Page.enable")
                    await call("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
                    await call("Page.navigate", url=comparison_file.as_uri())
                    for _ in range(100):
                        state = await call("Runtime.evaluate", expression="document.readyState", returnByValue=True)
                        if state["result"]["value"] == "complete":
                            break
                        await asyncio.sleep(0.1)
                    for name, width, media in (("screen", 1400, "screen"), ("phone", 390, "screen"), ("paper", 1400, "print")):
                        await call(
                            "Emulation.setDeviceMetricsOverride",
                            width=width,
                            height=1000,
                            deviceScaleFactor=1,
                            mobile=width < 600,
                        )
                        await call("Emulation.setEmulatedMedia", media=media)
                        result = await call("Runtime.evaluate", expression=probe, returnByValue=True)
                        seen[name] = json.loads(result["result"]["value"])
                    await call("Browser.close")
        finally:
            if browser.returncode is None:
                try:
                    await asyncio.wait_for(browser.wait(), timeout=10)
                except TimeoutError:
                    browser.kill()
                    await browser.wait()
        return seen

    seen = asyncio.run(look())
    assert seen["screen"]["table"] and not seen["screen"]["cards"]
    assert seen["screen"]["quotes"] and not any(seen["screen"]["quotes"])  # folded: "what you heard" opens them
    assert not seen["phone"]["table"] and seen["phone"]["cards"]  # one card per company
    assert seen["paper"]["table"] and not seen["paper"]["cards"] and all(seen["paper"]["quotes"])


def test_html_report_table_keeps_words_whole_at_1280px(bank, tmp_path):
    """Each word of the verdict table on one line: its columns never break a word ("weig/ht")."""
    interview = start_interview(bank, "Acme", "Backend", "2026-12-01", "engineer", 20)
    for question_id in interview.question_ids[:6]:
        interview.set_note(
            question_id, "Nobody reviews code and there are no tests; we work every weekend, people keep quitting."
        )
    interview.add_source("Glassdoor review from a former backend engineer, March", "Nobody reviews code. Weekends are normal.")
    html = render_report(bank, load_catalogue().matcher, interview, "html")
    assert '<table class="reasons">' in html
    # A copy that may run one script: it wraps every word of the table in a span and counts the
    # spans drawn on more than one line, into the title.
    probe = (
        "<script>addEventListener('load',()=>{let broken=[];"
        "document.querySelectorAll('table.reasons th, table.reasons td').forEach(c=>{"
        "c.innerHTML=c.textContent.split(/(\\s+)/).map(w=>/\\S/.test(w)?'<span>'+w+'</span>':w).join('');"
        "c.querySelectorAll('span').forEach(s=>{if(s.getClientRects().length>1)broken.push(s.textContent)})});"
        "document.title='BROKEN:'+broken.join('|')})</script>"
    )
    page = html.replace(
        "default-src 'none'; style-src 'unsafe-inline'",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
    )
    page = page.replace("</body>", probe + "</body>")
    path = tmp_path / "probe.html"
    path.write_text(page, encoding="utf-8")
    dom = run_chromium(tmp_path, "--window-size=1280,900", "--virtual-time-budget=3000", "--dump-dom", path.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    title = re.search(r"<title>(.*?)</title>", dom.stdout)
    assert title and title.group(1) == "BROKEN:", title.group(1) if title else dom.stdout[:500]


def test_html_report_table_cells_do_not_break_words_anywhere():
    """Without a browser: the table's cells override the body's `overflow-wrap: anywhere`."""
    from prepbot.export import render_report as render

    html = render(load_catalogue().bank, load_catalogue().matcher, start_interview(load_catalogue().bank, "Acme"), "html")
    rules = re.findall(r"table\.reasons th, table\.reasons td \{([^}]*)\}", html)
    assert any("overflow-wrap: break-word" in rule and "word-break: normal" in rule for rule in rules)
