//! Decoding tiles off the UI thread: one worker thread takes the tiles the map wants now (the
//! newest wish replaces the older one, so panning never leaves a backlog of tiles no longer on
//! screen), decodes them and sends them back through a channel. Decoded tiles are kept in a
//! cache with a byte bound. A panic while decoding is caught and reported as that tile's error;
//! the worker goes on.

use super::{Image, Readers, RgbaTile, Stretch};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// A tile of an image at a level, decoded with a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileKey {
    pub image: u64,
    pub level: u8,
    pub x: u32,
    pub y: u32,
    /// [`Stretch::key`] for 16-bit images, zeros otherwise.
    pub stretch: [u16; 2],
}

/// A tile to decode.
#[derive(Debug, Clone)]
pub struct Request {
    pub key: TileKey,
    pub image: Arc<Image>,
    pub stretch: Stretch,
}

/// A finished tile, or why it could not be decoded.
#[derive(Debug, Clone)]
pub struct Done {
    pub key: TileKey,
    pub tile: Result<Arc<RgbaTile>, String>,
}

/// Decoded tiles, least recently used let go first beyond a byte bound.
#[derive(Debug)]
pub struct TileCache {
    tiles: HashMap<TileKey, (Arc<RgbaTile>, u64)>,
    bytes: usize,
    max_bytes: usize,
    clock: u64,
}

impl TileCache {
    pub fn new(max_bytes: usize) -> Self {
        TileCache {
            tiles: HashMap::new(),
            bytes: 0,
            max_bytes,
            clock: 0,
        }
    }

    pub fn get(&mut self, key: &TileKey) -> Option<Arc<RgbaTile>> {
        self.clock += 1;
        let clock = self.clock;
        self.tiles.get_mut(key).map(|(t, used)| {
            *used = clock;
            Arc::clone(t)
        })
    }

    pub fn insert(&mut self, key: TileKey, tile: Arc<RgbaTile>) {
        self.clock += 1;
        self.bytes += tile.bytes();
        if let Some((old, _)) = self.tiles.insert(key, (tile, self.clock)) {
            self.bytes -= old.bytes();
        }
        if self.bytes > self.max_bytes {
            let mut by_age: Vec<(u64, TileKey)> =
                self.tiles.iter().map(|(k, (_, u))| (*u, *k)).collect();
            by_age.sort_unstable();
            for (_, k) in by_age {
                if self.bytes <= self.max_bytes * 3 / 4 {
                    break;
                }
                if let Some((t, _)) = self.tiles.remove(&k) {
                    self.bytes -= t.bytes();
                }
            }
        }
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn len(&self) -> usize {
        self.tiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tiles.is_empty()
    }

    /// Drops an image's tiles (it was closed) or tiles of another stretch.
    pub fn retain(&mut self, keep: impl Fn(&TileKey) -> bool) {
        let bytes = &mut self.bytes;
        self.tiles.retain(|k, (t, _)| {
            let k2 = keep(k);
            if !k2 {
                *bytes -= t.bytes();
            }
            k2
        });
    }
}

/// How a tile is decoded: [`Image::read_tile`], or a stand-in in tests.
pub type Decode = Arc<dyn Fn(&mut Readers, &Request) -> Result<RgbaTile, String> + Send + Sync>;

struct Queue {
    wanted: Vec<Request>,
    in_flight: Option<TileKey>,
    stop: bool,
    cache: TileCache,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        // A panic while holding the lock is caught before it could poison it; if it ever did,
        // the queue is still a plain list and usable.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The tile worker and its cache.
pub struct TileService {
    shared: Arc<Shared>,
    done: Mutex<Receiver<Done>>,
    worker: Option<JoinHandle<()>>,
}

/// Decoded tiles kept in memory (besides the textures the map keeps).
pub const CACHE_BYTES: usize = 32 << 20;

impl Default for TileService {
    fn default() -> Self {
        Self::new()
    }
}

impl TileService {
    pub fn new() -> Self {
        Self::with_decoder(Arc::new(|readers: &mut Readers, r: &Request| {
            r.image.read_tile(
                readers,
                usize::from(r.key.level),
                r.key.x,
                r.key.y,
                r.stretch,
            )
        }))
    }

    /// A service that decodes with `decode` (tests make it fail or panic on purpose).
    pub fn with_decoder(decode: Decode) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                wanted: Vec::new(),
                in_flight: None,
                stop: false,
                cache: TileCache::new(CACHE_BYTES),
            }),
            wake: Condvar::new(),
        });
        let (tx, rx) = channel();
        let worker_shared = Arc::clone(&shared);
        let worker = std::thread::Builder::new()
            .name("nkmap-imagery-tiles".to_owned())
            .spawn(move || work(&worker_shared, &decode, &tx))
            .ok();
        TileService {
            shared,
            done: Mutex::new(rx),
            worker,
        }
    }

    /// The tiles wanted now, most important first. Replaces the previous wish: tiles asked for
    /// before and no longer wanted are not decoded. Tiles already cached are not asked for.
    pub fn want(&self, requests: Vec<Request>) {
        let mut q = self.shared.lock();
        let in_flight = q.in_flight;
        q.wanted = requests
            .into_iter()
            .filter(|r| Some(r.key) != in_flight && !q.cache.tiles.contains_key(&r.key))
            .collect();
        // The worker pops from the end.
        q.wanted.reverse();
        drop(q);
        self.shared.wake.notify_one();
    }

    /// A decoded tile from the cache.
    pub fn cached(&self, key: &TileKey) -> Option<Arc<RgbaTile>> {
        self.shared.lock().cache.get(key)
    }

    /// Tiles finished since the last call.
    pub fn take_done(&self) -> Vec<Done> {
        let rx = self.done.lock().unwrap_or_else(|p| p.into_inner());
        rx.try_iter().collect()
    }

    /// Tiles waiting or being decoded.
    pub fn pending(&self) -> usize {
        let q = self.shared.lock();
        q.wanted.len() + usize::from(q.in_flight.is_some())
    }

    /// Bytes of decoded tiles held.
    pub fn cache_bytes(&self) -> usize {
        self.shared.lock().cache.bytes()
    }

    /// Forgets an image's tiles.
    pub fn forget(&self, image: u64) {
        let mut q = self.shared.lock();
        q.wanted.retain(|r| r.key.image != image);
        q.cache.retain(|k| k.image != image);
    }

    /// Whether the worker thread is running (it stops only when the service is dropped).
    pub fn running(&self) -> bool {
        self.worker.as_ref().is_some_and(|w| !w.is_finished())
    }
}

impl Drop for TileService {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn work(shared: &Shared, decode: &Decode, tx: &Sender<Done>) {
    let mut readers = Readers::default();
    loop {
        let request = {
            let mut q = shared.lock();
            loop {
                if q.stop {
                    return;
                }
                if let Some(r) = q.wanted.pop() {
                    q.in_flight = Some(r.key);
                    break r;
                }
                q = shared.wake.wait(q).unwrap_or_else(|p| p.into_inner());
            }
        };
        let result = catch_unwind(AssertUnwindSafe(|| decode(&mut readers, &request)));
        let tile = match result {
            Ok(Ok(t)) => Ok(Arc::new(t)),
            Ok(Err(e)) => Err(e),
            Err(panic) => {
                // The decoders may be half-way through anything: start them afresh.
                readers = Readers::default();
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(crate::t!("imagery-worker-panic", reason = what))
            }
        };
        {
            let mut q = shared.lock();
            q.in_flight = None;
            if let Ok(t) = &tile {
                q.cache.insert(request.key, Arc::clone(t));
            }
        }
        // The receiver goes away only with the service.
        let _ = tx.send(Done {
            key: request.key,
            tile,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(x: u32) -> TileKey {
        TileKey {
            image: 1,
            level: 0,
            x,
            y: 0,
            stretch: [0, 0],
        }
    }

    #[test]
    fn the_cache_keeps_within_its_bound_and_drops_the_oldest_first() {
        let mut c = TileCache::new(4 * 100);
        let tile = || {
            Arc::new(RgbaTile {
                width: 5,
                height: 5,
                pixels: vec![0; 100],
            })
        };
        for x in 0..4 {
            c.insert(key(x), tile());
        }
        assert_eq!(c.bytes(), 400);
        assert!(c.get(&key(0)).is_some());
        c.insert(key(4), tile());
        assert!(c.bytes() <= 400, "{}", c.bytes());
        assert!(c.get(&key(0)).is_some(), "used recently, kept");
        assert!(c.get(&key(1)).is_none(), "the oldest went first");
        assert!(c.get(&key(4)).is_some());
    }
}
