//! The listener: accepts connections, caps them per client and in all, gives every
//! connection a deadline for its request headers, and shuts down gracefully within a
//! deadline.
//!
//! `axum::serve` has none of these, so connections are served here with hyper's HTTP/1
//! server directly. A connection over a cap, or one whose headers do not arrive in
//! time, gets a short HTTP answer (429, 503 or 408) before it is closed, never a silent
//! drop.

use crate::clientaddr::{client_key, is_trusted};
use crate::metrics::Metrics;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use ipnet::IpNet;
use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

/// How the listener treats connections.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Time a client has to send a request's headers, also between requests on a kept-alive
    /// connection.
    pub header_timeout: Duration,
    /// After the shutdown signal, time the open requests have to finish.
    pub shutdown_grace: Duration,
    pub max_connections: usize,
    /// Open connections per client address (IPv6 counted by /64). Connections from a
    /// trusted proxy count only towards `max_connections`.
    pub max_connections_per_client: usize,
    pub trusted_proxies: Vec<IpNet>,
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the open requests
/// finish for at most `shutdown_grace` and closes whatever is left.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    options: ServeOptions,
    metrics: Metrics,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let table = Arc::new(ConnectionTable::default());
    let graceful = GracefulShutdown::new();
    let mut tasks = tokio::task::JoinSet::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(options.header_timeout).keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
            // Reap finished connections so the set does not grow.
            Some(_) = tasks.join_next(), if !tasks.is_empty() => continue,
        };
        let _ = stream.set_nodelay(true);
        let trusted = is_trusted(peer.ip(), &options.trusted_proxies);
        let guard = match table.admit(peer.ip(), trusted, &options) {
            Ok(guard) => guard,
            Err(refusal) => {
                metrics.connection_refused(refusal.label());
                tasks.spawn(refuse(stream, refusal));
                continue;
            }
        };
        metrics.connections_open(table.total());
        let stream = Arc::new(stream);
        let io = TokioIo::new(SharedStream(stream.clone()));
        let service = TowerToHyperService::new(app.clone().map_request(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        }));
        let conn = graceful.watch(builder.serve_connection(io, service));
        let metrics = metrics.clone();
        let table = table.clone();
        tasks.spawn(async move {
            if let Err(e) = conn.await {
                if e.is_timeout() {
                    metrics.header_timeout();
                    answer_and_close(&stream, TIMEOUT_408, false).await;
                } else {
                    tracing::debug!(error = %e, %peer, "connection ended with an error");
                }
            }
            drop(guard);
            metrics.connections_open(table.total());
        });
    }
    drop(listener);
    tracing::info!(open = table.total(), "no longer accepting; letting open requests finish");
    tokio::select! {
        _ = graceful.shutdown() => tracing::info!("all connections closed"),
        _ = tokio::time::sleep(options.shutdown_grace) => {
            tracing::warn!(open = table.total(), "shutdown deadline passed; closing the remaining connections");
        }
    }
    tasks.abort_all();
    Ok(())
}

/// Why a connection was not served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// This client has too many connections open.
    PerClient,
    /// The server has too many connections open.
    Total,
}

impl Refusal {
    fn label(self) -> &'static str {
        match self {
            Refusal::PerClient => "per_client",
            Refusal::Total => "total",
        }
    }
}

const TOO_MANY_429: &str = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 5\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 53\r\n\r\nToo many connections from your address; retry later.\n";
const BUSY_503: &str = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 48\r\n\r\nThe server is at its connection limit; retry.\n\n\n";
const TIMEOUT_408: &str = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 45\r\n\r\nThe request headers did not arrive in time.\n\n";

async fn refuse(stream: TcpStream, refusal: Refusal) {
    let answer = match refusal {
        Refusal::PerClient => TOO_MANY_429,
        Refusal::Total => BUSY_503,
    };
    answer_and_close(&stream, answer, true).await;
}

/// Writes a complete HTTP answer and closes the connection so that the client reads the
/// answer rather than a reset: whatever the client already sent is read first, and after
/// the answer the connection is half-closed and drained briefly.
async fn answer_and_close(stream: &TcpStream, answer: &str, read_request_first: bool) {
    let mut s = SharedStream::borrowed(stream);
    let mut scratch = [0u8; 8192];
    if read_request_first {
        let _ = tokio::time::timeout(Duration::from_millis(300), s.read(&mut scratch)).await;
    }
    let _ = tokio::time::timeout(Duration::from_secs(2), s.write_all(answer.as_bytes())).await;
    let _ = s.shutdown().await;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while let Ok(n) = s.read(&mut scratch).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

/// Open connections per client key, and in all.
#[derive(Default)]
struct ConnectionTable {
    inner: Mutex<(HashMap<IpAddr, usize>, usize)>,
}

/// Holds one connection's place in the table; gives it back when dropped.
struct Admitted {
    table: Arc<ConnectionTable>,
    key: Option<IpAddr>,
}

impl ConnectionTable {
    fn admit(self: &Arc<Self>, ip: IpAddr, trusted: bool, options: &ServeOptions) -> Result<Admitted, Refusal> {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (per_client, total) = &mut *guard;
        if *total >= options.max_connections {
            return Err(Refusal::Total);
        }
        let key = (!trusted).then(|| client_key(ip));
        if let Some(key) = key {
            let n = per_client.entry(key).or_insert(0);
            if *n >= options.max_connections_per_client {
                return Err(Refusal::PerClient);
            }
            *n += 1;
        }
        *total += 1;
        Ok(Admitted { table: self.clone(), key })
    }

    fn total(&self) -> usize {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut guard = self.table.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (per_client, total) = &mut *guard;
        *total = total.saturating_sub(1);
        if let Some(key) = self.key {
            if let Some(n) = per_client.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    per_client.remove(&key);
                }
            }
        }
    }
}

/// A TCP stream that hyper reads and writes while the accept loop keeps a handle too, so
/// that it can still answer on the connection after hyper gives up on it.
struct SharedStream<S: std::ops::Deref<Target = TcpStream>>(S);

impl<'a> SharedStream<&'a TcpStream> {
    fn borrowed(stream: &'a TcpStream) -> Self {
        SharedStream(stream)
    }
}

impl<S: std::ops::Deref<Target = TcpStream> + Unpin> AsyncRead for SharedStream<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        loop {
            ready!(self.0.poll_read_ready(cx))?;
            match self.0.try_read(buf.initialize_unfilled()) {
                Ok(n) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl<S: std::ops::Deref<Target = TcpStream> + Unpin> AsyncWrite for SharedStream<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        loop {
            ready!(self.0.poll_write_ready(cx))?;
            match self.0.try_write(data) {
                Ok(n) => return Poll::Ready(Ok(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[io::IoSlice<'_>]) -> Poll<io::Result<usize>> {
        loop {
            ready!(self.0.poll_write_ready(cx))?;
            match self.0.try_write_vectored(bufs) {
                Ok(n) => return Poll::Ready(Ok(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let sock = socket2::SockRef::from(&*self.0);
        match sock.shutdown(std::net::Shutdown::Write) {
            Err(e) if e.kind() != io::ErrorKind::NotConnected => Poll::Ready(Err(e)),
            _ => Poll::Ready(Ok(())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(per_client: usize, total: usize) -> ServeOptions {
        ServeOptions {
            header_timeout: Duration::from_secs(1),
            shutdown_grace: Duration::from_secs(1),
            max_connections: total,
            max_connections_per_client: per_client,
            trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        }
    }

    #[test]
    fn caps_connections_per_client_and_in_all_and_gives_places_back() {
        let table = Arc::new(ConnectionTable::default());
        let o = options(2, 5);
        let a: IpAddr = "203.0.113.7".parse().unwrap();
        let b: IpAddr = "2001:db8::1".parse().unwrap();
        let b_same_64: IpAddr = "2001:db8::ffff".parse().unwrap();
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let a1 = table.admit(a, false, &o).unwrap();
        let _a2 = table.admit(a, false, &o).unwrap();
        assert_eq!(table.admit(a, false, &o).err(), Some(Refusal::PerClient));
        let _b1 = table.admit(b, false, &o).unwrap();
        let _b2 = table.admit(b_same_64, false, &o).unwrap();
        assert_eq!(table.admit(b, false, &o).err(), Some(Refusal::PerClient), "one /64 is one client");
        let _p1 = table.admit(proxy, true, &o).unwrap();
        assert_eq!(table.admit(proxy, true, &o).err(), Some(Refusal::Total), "the total cap holds for proxies too");
        drop(a1);
        assert_eq!(table.total(), 4);
        let _a3 = table.admit(a, false, &o).unwrap();
        assert_eq!(table.admit(a, false, &o).err(), Some(Refusal::Total));
    }
}
