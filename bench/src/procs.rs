//! Memory of a process and everything it started, read from `/proc`.

use std::collections::BTreeMap;
use std::fs;

use serde::Serialize;

/// One process of a tree, with its memory in KiB.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessMemory {
    pub pid: u32,
    pub name: String,
    pub rss_kib: u64,
    pub pss_kib: u64,
}

/// The parent of every process that can be read, by pid.
fn parents() -> BTreeMap<u32, u32> {
    let mut parents = BTreeMap::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return parents;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // `pid (comm) state ppid ...`: comm may hold spaces and parentheses.
        let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|ppid| ppid.parse().ok());
        if let Some(ppid) = ppid {
            parents.insert(pid, ppid);
        }
    }
    parents
}

/// `root` and all its descendants that are still alive.
pub fn tree(root: u32) -> Vec<u32> {
    let parents = parents();
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, &p)| p == parent)
                .map(|(&pid, _)| pid),
        );
        index += 1;
    }
    found
}

/// The value in KiB of a `Name:   123 kB` line of a `/proc` file.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
}

/// The memory of `pid`, or `None` if it is gone.
pub fn memory_of(pid: u32) -> Option<ProcessMemory> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    Some(ProcessMemory {
        pid,
        name: fs::read_to_string(format!("/proc/{pid}/comm"))
            .map(|name| name.trim().to_string())
            .unwrap_or_default(),
        rss_kib: kib_field(&status, "VmRSS").unwrap_or(0),
        pss_kib: kib_field(&rollup, "Pss").unwrap_or(0),
    })
}

/// The memory of `root` and its descendants.
pub fn tree_memory(root: u32) -> Vec<ProcessMemory> {
    tree(root).into_iter().filter_map(memory_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kib_fields() {
        let text = "Name:\tx\nVmRSS:\t   51200 kB\nRssAnon:\t 100 kB\n";
        assert_eq!(kib_field(text, "VmRSS"), Some(51200));
        assert_eq!(kib_field(text, "Rss"), None);
        assert_eq!(kib_field("Pss:  12 kB", "Pss"), Some(12));
    }

    #[test]
    fn finds_a_child_and_its_memory() {
        let mut child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let me = std::process::id();
        let found = tree(me);
        assert!(found.contains(&child.id()), "{found:?}");
        let memory = memory_of(child.id()).unwrap();
        assert_eq!(memory.name, "sleep");
        assert!(memory.rss_kib > 0);
        child.kill().unwrap();
        child.wait().unwrap();
    }
}
