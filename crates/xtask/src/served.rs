//! A Kith server started by a task (the load benchmark, the hostile pass) and stopped when the
//! task is done, whatever happens to it.

use std::process::{Child, Command, Stdio};

/// A running `kith serve`, killed when dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// `kith serve` from `cmd` (its binary, data and settings) on `port` of loopback, without
    /// the job runner, which would move what is measured or probed.
    pub fn start(mut cmd: Command, port: u16) -> Result<Self, String> {
        cmd.args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("KITH_JOBS", "false")
            .stdout(Stdio::null())
            .spawn()
            .map(Server)
            .map_err(|e| e.to_string())
    }
}

/// A port of loopback that is free now.
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
