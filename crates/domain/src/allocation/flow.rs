//! Minimum-cost flow by successive shortest paths (Dijkstra with Johnson potentials).
//!
//! Small and exact: integral capacities and non-negative costs, which the allocation model
//! guarantees. Used by [`super::optimal`].

use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    rev: usize,
    cap: i64,
    cost: i64,
}

/// A flow network.
#[derive(Debug, Clone)]
pub struct Network {
    adj: Vec<Vec<Edge>>,
}

/// A handle to an edge, for reading its flow after solving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeRef {
    from: usize,
    index: usize,
    original_cap: i64,
}

impl Network {
    /// A network of `n` nodes.
    pub fn new(n: usize) -> Self {
        Self {
            adj: vec![Vec::new(); n],
        }
    }

    /// Adds an edge `from -> to` with capacity and a non-negative cost per unit of flow.
    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> EdgeRef {
        debug_assert!(cost >= 0, "costs must be non-negative");
        let index = self.adj[from].len();
        let rev = self.adj[to].len() + usize::from(from == to);
        self.adj[from].push(Edge { to, rev, cap, cost });
        self.adj[to].push(Edge {
            to: from,
            rev: index,
            cap: 0,
            cost: -cost,
        });
        EdgeRef {
            from,
            index,
            original_cap: cap,
        }
    }

    /// The flow on an edge after [`Network::min_cost_flow`].
    pub fn flow(&self, e: EdgeRef) -> i64 {
        e.original_cap - self.adj[e.from][e.index].cap
    }

    /// Sends up to `want` units from `s` to `t` at minimum cost; returns (flow, cost).
    pub fn min_cost_flow(&mut self, s: usize, t: usize, want: i64) -> (i64, i64) {
        let n = self.adj.len();
        let mut potential = vec![0i64; n];
        let (mut flow, mut cost) = (0i64, 0i64);
        while flow < want {
            let mut dist = vec![i64::MAX; n];
            let mut prev: Vec<Option<(usize, usize)>> = vec![None; n];
            dist[s] = 0;
            let mut heap = BinaryHeap::new();
            heap.push(Reverse((0i64, s)));
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for (i, e) in self.adj[u].iter().enumerate() {
                    if e.cap <= 0 {
                        continue;
                    }
                    let nd = d + e.cost + potential[u] - potential[e.to];
                    if nd < dist[e.to] {
                        dist[e.to] = nd;
                        prev[e.to] = Some((u, i));
                        heap.push(Reverse((nd, e.to)));
                    }
                }
            }
            if dist[t] == i64::MAX {
                break;
            }
            for v in 0..n {
                if dist[v] != i64::MAX {
                    potential[v] += dist[v];
                }
            }
            // The bottleneck along the path.
            let mut push = want - flow;
            let mut v = t;
            while let Some((u, i)) = prev[v] {
                push = push.min(self.adj[u][i].cap);
                v = u;
            }
            let mut v = t;
            while let Some((u, i)) = prev[v] {
                let rev = self.adj[u][i].rev;
                self.adj[u][i].cap -= push;
                self.adj[v][rev].cap += push;
                cost += push * self.adj[u][i].cost;
                v = u;
            }
            flow += push;
        }
        (flow, cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_cheaper_route_when_capacity_allows() {
        // s=0, a=1, b=2, t=3: s->a (2, 1), s->b (2, 5), a->t (1, 1), b->t (2, 1).
        let mut n = Network::new(4);
        let sa = n.add_edge(0, 1, 2, 1);
        let sb = n.add_edge(0, 2, 2, 5);
        n.add_edge(1, 3, 1, 1);
        n.add_edge(2, 3, 2, 1);
        let (flow, cost) = n.min_cost_flow(0, 3, 3);
        // One unit via a (cost 2), two via b (cost 6 each): 3 units, cost 14.
        assert_eq!((flow, cost), (3, 14));
        assert_eq!((n.flow(sa), n.flow(sb)), (1, 2));
    }
}
