#!/usr/bin/env python3
"""The supervisor's inbox over HTTP (issue 15): run by SealedMessageServeTests.

  inbox_check.py --console http://127.0.0.1:PORT --passwords FILE --id ID --sealed FILE --out DIR

Signs in as the supervisor and the advocate, reads /console/messages, downloads the sealed
file, marks the message done with and without the CSRF token; renders the page in headless
Chromium for a screenshot. Prints ok:/FAIL lines; exits 1 on any FAIL."""
import argparse, json, os, sys, urllib.error, urllib.parse, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--console", required=True)
parser.add_argument("--passwords", required=True)
parser.add_argument("--id", required=True)
parser.add_argument("--sealed", required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()
base = args.console
passwords = json.load(open(args.passwords))
failures = 0


def check(condition, what):
    global failures
    print(("ok: " if condition else "FAIL: ") + what, flush=True)
    if not condition:
        failures += 1


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path, cookie="", fields=None):
    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    req = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET",
                                 headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with opener.open(req) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def sign_in(name):
    status, page, headers = request("/console/login")
    cookie = headers["Set-Cookie"].split(";")[0]
    token = page.decode().split('name="token" value="')[1].split('"')[0]
    status, _, headers = request("/console/login", cookie, {"name": name, "password": passwords[name], "token": token})
    session = next(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("hotline_session="))
    return session


supervisor = sign_in("sam")
status, page, _ = request("/console/messages", supervisor)
html = page.decode()
check(status == 200 and f'data-message="{args.id}"' in html and 'data-state="new"' in html, "the supervisor's inbox lists the message, not followed up")
check("5551234567" not in html and "CANARY" not in html and "canary" not in html, "the inbox holds no caller identifier")
csrf = html.split('name="csrf" value="')[1].split('"')[0]
status, body, headers = request(f"/console/messages/{args.id}/sealed", supervisor)
check(status == 200 and body == open(args.sealed, "rb").read() and "attachment" in (headers["Content-Disposition"] or ""),
      "the sealed file downloads byte for byte, as an attachment")
status, _, _ = request(f"/console/messages/{args.id}/done", supervisor, {})
check(status == 403, f"marking done without the CSRF token is refused ({status})")
advocate = sign_in("maria")
status, _, _ = request("/console/messages", advocate)
check(status == 403, f"an advocate cannot see the messages ({status})")
status, _, _ = request(f"/console/messages/{args.id}/sealed", advocate)
check(status == 403, f"nor download one ({status})")
status, _, _ = request(f"/console/messages/{args.id}/done", supervisor, {"csrf": csrf})
check(status == 303, f"the supervisor marks it followed up ({status})")
status, page, _ = request("/console/messages", supervisor)
check('data-state="done"' in page.decode(), "the inbox shows it followed up")

# Look at it: the page in headless Chromium, desktop and phone widths.
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_window_size(1280, 800)
        driver.get(base + "/console/login")
        driver.add_cookie({"name": "hotline_session", "value": supervisor.split("=", 1)[1], "path": "/console"})
        for name, width in (("inbox-desktop", 1280), ("inbox-phone", 390)):
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 500})
            driver.get(base + "/console/messages")
            driver.save_screenshot(os.path.join(args.out, name + ".png"))
            wide = driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
            check(wide, f"the inbox fits {width} px without scrolling sideways")
    finally:
        driver.quit()
except Exception as error:   # the HTTP checks above are the test; a browser failure is one too
    check(False, f"headless Chromium: {error}")

sys.exit(1 if failures else 0)
