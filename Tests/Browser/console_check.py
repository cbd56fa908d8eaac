#!/usr/bin/python3
"""The staff console in a real browser: headless Chromium driven by Selenium (Debian's
chromium, chromium-driver and python3-selenium). Run by BrowserConsoleTests with a running
`hotline serve`; prints one line per check ("ok: ..." or "FAIL: ...") and exits 1 on any
failure. Page sources, a sample of the event stream and screenshots go to --out, where the
Swift test looks for the canary caller."""
import argparse, json, os, socket, sys, threading, time, urllib.error, urllib.parse, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

parser = argparse.ArgumentParser()
parser.add_argument("--console", required=True)      # http://127.0.0.1:PORT
parser.add_argument("--agi", required=True)          # 127.0.0.1:PORT
parser.add_argument("--passwords", required=True)    # JSON {name: password}
parser.add_argument("--out", required=True)
args = parser.parse_args()
base = args.console.rstrip("/")
passwords = json.load(open(args.passwords))
failures = []


def check(condition, what):
    print(("ok: " if condition else "FAIL: ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def browser(width, height):
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if width < 500:
        # Chromium's window is at least 500 px wide: a phone's viewport is emulated.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver


def save(driver, name):
    with open(os.path.join(args.out, name + ".html"), "w") as f:
        f.write(driver.page_source)
    driver.save_screenshot(os.path.join(args.out, name + ".png"))


def wait_for(driver, condition, seconds=5.0):
    """True once `condition` holds; an element replaced while it is read (the page navigating,
    the live part redrawn) is just another poll."""
    def attempt(d):
        try:
            return condition(d)
        except Exception:
            return False
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.1).until(attempt)
        return True
    except Exception:
        return False


def sign_in(driver, name, password=None):
    driver.get(base + "/console")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password or passwords[name])
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    # Signed in (the header names the account) or refused (a notice): the next page has loaded.
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "header .who, p.notice"))


def text(driver, selector):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0].text if found else None


def attribute(driver, selector, name):
    found = driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0].get_attribute(name) if found else None


def click(driver, xpath):
    driver.find_element(By.XPATH, xpath).click()


def fits(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def post(path, cookie, fields):
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                     headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


def login_over_http(name, password):
    """Sign in without a browser: the form's token from its cookie, then the post."""
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(base + "/console/login") as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        page = response.read().decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    request = urllib.request.Request(base + "/console/login", data=urllib.parse.urlencode({"name": name, "password": password, "token": token}).encode(),
                                     method="POST", headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with opener.open(request) as response:
            return response.status, response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_all("Set-Cookie") or []


class Caller(threading.Thread):
    """A caller over FastAGI as Asterisk presents one (the canary's number and name), who waits
    in the queue until told to hang up."""
    def __init__(self):
        super().__init__(daemon=True)
        self.hang_up = threading.Event()
        self.commands = []

    def run(self):
        host, port = args.agi.rsplit(":", 1)
        sock = socket.create_connection((host, int(port)))
        sock.sendall(("agi_network: yes\nagi_network_script: hotline\nagi_request: agi://127.0.0.1/hotline\n"
                      "agi_channel: PJSIP/trunk-00000042\nagi_language: en\nagi_type: PJSIP\nagi_uniqueid: 1764600000.42\n"
                      "agi_callerid: 5550199723\nagi_calleridname: CANARY NAMEQX\nagi_dnid: 8883737888\n"
                      "agi_extension: 8883737888\nagi_context: hotline\n\n").encode())
        reader = sock.makefile("rb")
        while True:
            line = reader.readline()
            if not line:
                break
            command = line.decode().strip()
            self.commands.append(command)
            if self.hang_up.is_set():
                sock.sendall(b"HANGUP\n200 result=-1\n")
                break
            if command.startswith("WAIT FOR DIGIT"):
                self.hang_up.wait(1.0)
                sock.sendall(b"200 result=0\n")
            elif command.startswith("STREAM FILE"):
                sock.sendall(b"200 result=0 endpos=8000\n")
            else:
                sock.sendall(b"200 result=0\n")
        sock.close()


def cookie_of(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def csrf_of(driver):
    found = driver.find_elements(By.CSS_SELECTOR, "input[name=csrf]")
    return found[0].get_attribute("value") if found else ""


advocate = browser(390, 844)       # a phone
supervisor = browser(1280, 800)    # a desk
try:
    # The advocate signs in on a phone and works the shift.
    sign_in(advocate, "maria")
    check(advocate.current_url.endswith("/console/advocate"), "the advocate lands on their own page")
    check(attribute(advocate, "[data-state]", "data-state") == "logged_out", "the advocate starts logged out of the queue")
    click(advocate, "//button[text()='Log in to the queue']")
    check(wait_for(advocate, lambda d: attribute(d, "p.state", "data-state") == "available"), "log in: available")
    click(advocate, "//button[text()='Pause']")
    check(wait_for(advocate, lambda d: attribute(d, "p.state", "data-state") == "paused"), "pause: paused")
    check(advocate.execute_script("return window.innerWidth") == 390 and fits(advocate), "the advocate's page fits a 390 px phone")
    save(advocate, "advocate-phone")

    # The supervisor's wallboard on a desk.
    sign_in(supervisor, "sam")
    check(supervisor.current_url.endswith("/console/wallboard"), "the supervisor lands on the wallboard")
    check(wait_for(supervisor, lambda d: attribute(d, "tr[data-advocate=ana]", "data-state") == "paused"), "the wallboard shows ana paused")
    check("paused (break)" in text(supervisor, "tr[data-advocate=ana]"), f"with the reason she chose ({text(supervisor, 'tr[data-advocate=ana]')})")
    check(text(supervisor, "[data-figure=waiting]") == "0", "nobody waiting yet")

    # A caller joins the queue over FastAGI: both pages update without a reload.
    caller = Caller()
    started = time.monotonic()
    caller.start()
    check(wait_for(supervisor, lambda d: text(d, "[data-figure=waiting]") == "1", 5), "the wallboard shows the waiting caller without a reload")
    print(f"info: wallboard updated {time.monotonic() - started:.2f} s after the call connected", flush=True)
    check(wait_for(advocate, lambda d: text(d, "[data-figure=waiting]") == "1", 5), "the advocate sees a caller waiting in their languages")
    check(wait_for(supervisor, lambda d: "longest wait" in d.page_source and text(d, "table[data-waiting] td") == "advocates"), "the waiting table names the queue")
    save(supervisor, "wallboard-desk")
    supervisor.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    check(wait_for(supervisor, lambda d: d.execute_script("return window.innerWidth") == 390), "a phone's width")
    check(fits(supervisor), "the wallboard fits a 390 px phone (its tables scroll inside themselves)")
    save(supervisor, "wallboard-phone")
    supervisor.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # An event stream sample, as any client would read it.
    request = urllib.request.Request(base + "/console/wallboard/events", headers={"Cookie": cookie_of(supervisor)})
    with urllib.request.urlopen(request, timeout=5) as response:
        check(response.headers["Content-Type"].startswith("text/event-stream"), "the live part is a server-sent event stream")
        sample = response.read1(65536).decode()
    with open(os.path.join(args.out, "events.txt"), "w") as f:
        f.write(sample)
    check(sample.startswith("data: ") and "ana" in sample, "the stream carries the wallboard")

    # Wrong role, and forms without the session's token.
    advocate.get(base + "/console/wallboard")
    check("for supervisors" in advocate.page_source, "an advocate is refused the wallboard")
    status, _ = post("/console/plan/reload", cookie_of(supervisor), {"csrf": csrf_of(supervisor)})
    check(status == 403, f"a supervisor cannot reload the plan ({status})")
    advocate.get(base + "/console/advocate")
    status, body = post("/console/advocate/resume", cookie_of(advocate), {})
    check(status == 403 and "CSRF" in body, f"a post without the CSRF token is refused ({status})")
    status, _ = post("/console/advocate/resume", cookie_of(advocate), {"csrf": "0" * 64})
    check(status == 403, f"a post with a wrong CSRF token is refused ({status})")
    check(attribute(advocate, "p.state", "data-state") == "paused", "and nothing happened")
    status, _ = post("/console/advocates/ana/logout", cookie_of(advocate), {"csrf": csrf_of(advocate)})
    check(status == 403, f"an advocate cannot log another out ({status})")

    # The supervisor logs the advocate out; the advocate's page follows live, the caller is told.
    click(supervisor, "//tr[@data-advocate='ana']//button[text()='Log out']")
    check(wait_for(advocate, lambda d: attribute(d, "p.state", "data-state") == "logged_out", 5), "the advocate's page shows the supervisor's log-out")
    check(wait_for(supervisor, lambda d: text(d, "[data-figure=waiting]") == "0", 5), "with nobody left the caller leaves the queue")
    check(wait_for(supervisor, lambda d: "Nobody signed in takes en" in d.page_source, 5), "an alert: nobody takes English")
    caller.hang_up.set()
    caller.join(5)

    # The administrator reloads the plan.
    admin = browser(1280, 800)
    sign_in(admin, "admin")
    click(admin, "//button[text()='Reload the plan']")
    check(wait_for(admin, lambda d: "is serving" in d.page_source), "the administrator reloads the plan")
    # Today's figures from the call log, through the k rules: one call is "<5".
    check(wait_for(admin, lambda d: text(d, "[data-today=offered]") == "<5", 15), f"today's calls offered show as <5 ({text(admin, '[data-today=offered]')})")
    save(admin, "wallboard-admin")

    # A switch flipped in the console: the next call takes the other branch.
    status, _ = post("/console/switches/closed_today/on", cookie_of(advocate), {"csrf": csrf_of(advocate)})
    check(status == 403, f"an advocate cannot flip a switch ({status})")
    click(admin, "//tr[@data-switch='closed_today']//button[text()='Turn on']")
    check(wait_for(admin, lambda d: attribute(d, "tr[data-switch=closed_today]", "data-on") == "true"), "the administrator turns 'closed today' on")
    closed = Caller()
    closed.start()
    closed.join(20)
    check(any("holiday_closed" in c for c in closed.commands) and not any("SET MUSIC" in c for c in closed.commands),
          f"the next call hears the holiday message instead of queueing ({[c for c in closed.commands if 'STREAM' in c]})")

    # Sign out everywhere ends the supervisor's other session.
    second = browser(1280, 800)
    sign_in(second, "sam")
    check(second.current_url.endswith("/console/wallboard"), "a second session for the supervisor")
    click(supervisor, "//button[text()='Sign out everywhere']")
    wait_for(supervisor, lambda d: d.current_url.endswith("/console/login"))
    second.get(base + "/console/wallboard")
    check(wait_for(second, lambda d: d.current_url.endswith("/console/login")), "sign out everywhere ends the other session")
    second.quit()
    admin.quit()

    # Cookies, and guessing.
    status, cookies = login_over_http("maria", passwords["maria"])
    session_cookie = next((c for c in cookies if c.startswith("hotline_session=")), "")
    check(status == 303 and "HttpOnly" in session_cookie and "SameSite=Strict" in session_cookie and "Path=/console" in session_cookie,
          f"the session cookie is HttpOnly, SameSite=Strict ({session_cookie.split(';', 1)[-1].strip()})")
    statuses = [login_over_http("maria", "wrong password " + str(i))[0] for i in range(5)]
    check(statuses == [401] * 5, f"wrong passwords are refused ({statuses})")
    status, _ = login_over_http("maria", passwords["maria"])
    check(status == 429, f"after 5 failures even the right password waits ({status})")
finally:
    for driver in (advocate, supervisor):
        try:
            driver.quit()
        except Exception:
            pass

sys.exit(1 if failures else 0)
