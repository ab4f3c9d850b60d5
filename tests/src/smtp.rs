//! A real SMTP server on loopback, inside the test process (mailin-embedded), that keeps
//! every message it accepts. Tests point Kith's SMTP transport at it.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};

use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server, SslConfig};

/// One message as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message (headers and body).
    pub data: String,
}

impl Received {
    /// The value of a header (first occurrence), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case(name)
            {
                value = Some(v.trim().to_owned());
            }
        }
        value
    }
}

#[derive(Clone)]
struct Keeper {
    inbox: Arc<Mutex<Vec<Received>>>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Keeper {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_owned();
        self.to.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        self.to.push(to.to_owned());
        response::OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Received {
                from: self.from.clone(),
                to: self.to.clone(),
                data: String::from_utf8_lossy(&self.data).into_owned(),
            });
        response::OK
    }
}

/// An SMTP server on a loopback port (or a reserved port with nothing listening yet).
#[derive(Debug, Clone)]
pub struct SmtpPeer {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl SmtpPeer {
    /// A free port with no server on it yet: connections are refused until [`Self::start`].
    pub fn reserve() -> Self {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = l.local_addr().expect("addr").port();
        drop(l);
        Self {
            port,
            inbox: Arc::default(),
        }
    }

    /// A running server on a free port.
    pub fn running() -> Self {
        let peer = Self::reserve();
        peer.start();
        peer
    }

    /// Starts the server on the reserved port (it runs until the test process ends).
    pub fn start(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("bind the reserved port");
        let handler = Keeper {
            inbox: self.inbox.clone(),
            from: String::new(),
            to: vec![],
            data: vec![],
        };
        std::thread::spawn(move || {
            let mut server = Server::new(handler);
            server
                .with_name("smtp.kith.test")
                .with_num_threads(16)
                .with_tcp_listener(listener);
            let _ = server.with_ssl(SslConfig::None);
            let _ = server.serve();
        });
    }

    /// The URL for Kith's SMTP transport.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far. No e-mail may hold a full CPR number.
    pub fn received(&self) -> Vec<Received> {
        let inbox = self.inbox.lock().unwrap_or_else(|p| p.into_inner()).clone();
        for m in &inbox {
            if let Some(found) = crate::fixtures::full_cpr_in(&m.data) {
                panic!("an e-mail holds a full CPR number ({found})");
            }
        }
        inbox
    }
}
