//! Drives headless Chromium over the Chrome DevTools Protocol, for the explorer tests: load a
//! page, evaluate script, press the mouse and type like a person, download files, take
//! screenshots.
//!
//! The protocol runs over `--remote-debugging-pipe` (NUL-separated JSON on file descriptors 3
//! and 4) rather than a WebSocket, so the tests need no WebSocket client and no free port. The
//! two descriptors are named pipes that a shell opens before it becomes Chromium (`exec`): the
//! tests forbid `unsafe`, which passing descriptors to a child directly would need.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Where Debian's chromium package puts the browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium is installed.
pub fn chromium_available() -> bool {
    Command::new(CHROMIUM)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// One headless Chromium with one page, killed when dropped.
pub struct Browser {
    child: Child,
    to_browser: File,
    from_browser: Receiver<Value>,
    next_id: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium with a fresh profile and a page of `width`×`height` CSS pixels that
    /// saves downloads into `downloads`.
    pub fn start(width: u32, height: u32, downloads: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile directory");
        let to_fifo = profile.path().join("to-browser");
        let from_fifo = profile.path().join("from-browser");
        for fifo in [&to_fifo, &from_fifo] {
            let ok = Command::new("mkfifo")
                .arg(fifo)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "mkfifo {} failed", fifo.display());
        }
        let child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<"$TRIPEL_TO_BROWSER" 4>"$TRIPEL_FROM_BROWSER""#)
            .arg(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .env("TRIPEL_TO_BROWSER", &to_fifo)
            .env("TRIPEL_FROM_BROWSER", &from_fifo)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        // The shell opens the pipe it reads first: open the other end in the same order.
        let to_browser = OpenOptions::new()
            .write(true)
            .open(&to_fifo)
            .expect("pipe to chromium");
        let reader = File::open(&from_fifo).expect("pipe from chromium");
        let (sender, from_browser) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop();
                        let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                            continue;
                        };
                        if sender.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser,
            next_id: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().expect("target id").to_owned();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        browser.call_browser(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
        );
        browser.call("Page.enable", json!({}));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if session {
            message["sessionId"] = Value::String(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).expect("message");
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
            .unwrap_or_else(|e| panic!("sending {method} to chromium: {e}"));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(reply) if reply["id"].as_u64() == Some(id) => {
                    if let Some(error) = reply.get("error") {
                        panic!("chromium refused {method}: {error}");
                    }
                    return reply["result"].clone();
                }
                Ok(_event) => {}
                Err(RecvTimeoutError::Timeout) => {
                    panic!("chromium did not answer {method} within a minute")
                }
                Err(RecvTimeoutError::Disconnected) => panic!("chromium exited during {method}"),
            }
        }
    }

    /// A command to the browser itself.
    pub fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, false)
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, true)
    }

    /// Loads `url` (loopback only) and waits until its document has loaded.
    pub fn goto(&mut self, url: &str) {
        assert!(url.starts_with("http://127.0.0.1:"), "loopback only: {url}");
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for(
            &format!(
                "location.href === {} && document.readyState === 'complete'",
                json!(url)
            ),
            "the page to load",
        );
    }

    /// The value of a script expression (promises are awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let reply = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        );
        if let Some(details) = reply.get("exceptionDetails") {
            panic!("script failed: {expression}\n{details}");
        }
        reply["result"]["value"].clone()
    }

    /// Waits up to 30 s until `expression` is true; `what` names it in the failure.
    pub fn wait_for(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if self.eval(&format!("!!({expression})")) == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                let body = self.eval("document.body ? document.body.innerText.slice(0, 3000) : ''");
                panic!("waited 30 s for {what} ({expression}); the page says:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The centre of the first element matching `selector`, in page coordinates, after
    /// scrolling it into view.
    pub fn centre(&mut self, selector: &str) -> (f64, f64) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             e.scrollIntoView({{ block: 'center', inline: 'center' }}); \
             const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()",
            json!(selector)
        ));
        let at = at
            .as_array()
            .unwrap_or_else(|| panic!("nothing on the page matches {selector}"));
        (at[0].as_f64().unwrap(), at[1].as_f64().unwrap())
    }

    /// Presses and releases the left mouse button at a point, like a person clicking there.
    pub fn click_at(&mut self, x: f64, y: f64) {
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseMoved", "x": x, "y": y }),
        );
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1 }),
            );
        }
    }

    /// Clicks the first element matching `selector`.
    pub fn click(&mut self, selector: &str) {
        let (x, y) = self.centre(selector);
        self.click_at(x, y);
    }

    /// Drags with the left button from one point to another, in steps.
    pub fn drag(&mut self, from: (f64, f64), to: (f64, f64)) {
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": "mousePressed", "x": from.0, "y": from.1, "button": "left", "buttons": 1, "clickCount": 1 }),
        );
        for step in 1..=8 {
            let t = f64::from(step) / 8.0;
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": "mouseMoved", "x": from.0 + (to.0 - from.0) * t, "y": from.1 + (to.1 - from.1) * t, "button": "left", "buttons": 1 }),
            );
        }
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseReleased", "x": to.0, "y": to.1, "button": "left", "buttons": 0, "clickCount": 1 }),
        );
    }

    /// Turns the mouse wheel at a point (negative `delta_y` zooms in).
    pub fn wheel(&mut self, at: (f64, f64), delta_y: f64) {
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": "mouseWheel", "x": at.0, "y": at.1, "deltaX": 0, "deltaY": delta_y }),
        );
    }

    /// Types text where the focus is.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses a key with modifiers (1 Alt, 2 Ctrl, 4 Meta, 8 Shift).
    pub fn key(&mut self, key: &str, code: &str, key_code: u32, modifiers: u32) {
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code, "modifiers": modifiers }),
            );
        }
    }

    /// Saves a PNG of the whole page to `path` and returns its size in bytes.
    pub fn screenshot(&mut self, path: &Path) -> usize {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true }),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        std::fs::write(path, &png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        png.len()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits up to 30 s for a file to appear complete in `dir` (Chromium writes a `.crdownload`
/// first and renames it when done).
pub fn wait_for_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "no download {} within 30 s",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    path
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {}", c as char),
        }
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes_rfc4648_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64_decode(encoded), plain.as_bytes());
    }
}
