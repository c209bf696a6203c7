//! Real servers on loopback that receive what RadGestMat sends: an SMTP server (aiosmtpd, which
//! writes each message it accepts to a Maildir) and a webhook receiver (axum) that records calls.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope recipient.
    pub to: String,
    pub from: String,
    pub subject: String,
    pub message_id: String,
    pub body: String,
}

/// `python -m aiosmtpd` on a port of its own, storing messages in a temporary Maildir.
pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_on(free_port())
    }

    pub fn start_on(port: u16) -> SmtpSink {
        Self::spawn(port, |python, address, dir| {
            let mut command = Command::new(python);
            command.args(["-m", "aiosmtpd", "-n", "-l", address, "-c", "aiosmtpd.handlers.Mailbox"]).arg(dir);
            command
        })
    }

    /// A server that takes mail only after `AUTH` with this login and password (over plain
    /// SMTP, as a relay on a trusted network would).
    pub fn start_with_login(login: &str, password: &str) -> SmtpSink {
        const SERVER: &str = "
import sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword
host, port = sys.argv[1].split(':')
login, password = sys.argv[3].encode(), sys.argv[4].encode()
def check(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (login, password)
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself
Controller(Mailbox(sys.argv[2]), hostname=host, port=int(port), authenticator=check,
           auth_required=True, auth_require_tls=False).start()
while True:
    time.sleep(3600)
";
        Self::spawn(free_port(), |python, address, dir| {
            let mut command = Command::new(python);
            command.args(["-c", SERVER, address]).arg(dir).args([login, password]);
            command
        })
    }

    fn spawn(port: u16, command: impl FnOnce(&str, &str, &std::path::Path) -> Command) -> SmtpSink {
        let dir = std::env::temp_dir().join(format!("radgestmat-mail-{port}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        let child = command(&python, &format!("127.0.0.1:{port}"), &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {python} with aiosmtpd: {e} (./scripts/test installs it)"));
        let mut sink = SmtpSink { port, dir, child };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = sink.child.try_wait() {
                panic!("aiosmtpd exited with {status}: is it installed? (pip install aiosmtpd)");
            }
            assert!(started.elapsed() < Duration::from_secs(15), "aiosmtpd did not listen on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<Mail> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("new")) else { return Vec::new() };
        let mut mails: Vec<Mail> = entries
            .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
            .map(|raw| {
                let parsed = mailparse::parse_mail(&raw).expect("a readable message");
                let header = |name: &str| parsed.headers.iter().find(|h| h.get_key_ref().eq_ignore_ascii_case(name));
                let value = |name: &str| header(name).map(|h| h.get_value()).unwrap_or_default();
                Mail {
                    to: value("X-RcptTo"),
                    from: value("From"),
                    subject: value("Subject"),
                    message_id: value("Message-ID"),
                    body: parsed.get_body().expect("a readable body"),
                }
            })
            .collect();
        mails.sort_by(|a, b| (&a.to, &a.subject).cmp(&(&b.to, &b.subject)));
        mails
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A call the webhook receiver got.
#[derive(Debug, Clone)]
pub struct Call {
    pub headers: HeaderMap,
    pub body: Bytes,
    pub answered: StatusCode,
}

/// An HTTP server that records each call, answering 500 to the first `failures` of them.
pub struct HookReceiver {
    pub url: String,
    calls: Arc<Mutex<Vec<Call>>>,
}

impl HookReceiver {
    pub async fn start(failures: usize) -> HookReceiver {
        let calls: Arc<Mutex<Vec<Call>>> = Arc::default();
        let failures = Arc::new(AtomicUsize::new(failures));
        let recorded = calls.clone();
        let handler = move |headers: HeaderMap, body: Bytes| async move {
            let fail = failures.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
            let answered = if fail { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::NO_CONTENT };
            recorded.lock().expect("calls").push(Call { headers, body, answered });
            answered
        };
        let app = axum::Router::new().route("/hook", axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        HookReceiver { url, calls }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().expect("calls").clone()
    }
}
