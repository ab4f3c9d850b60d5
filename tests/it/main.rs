//! Kith's integration tests: one binary, so they compile once. Every test that touches the
//! database runs on SQLite and on PostgreSQL (`db_test!`).

mod access;
mod accessibility;
mod allocation;
mod audit;
mod bad_input;
mod browser;
mod browser_plan;
mod bulk;
mod calendar;
mod children;
mod dashboard;
mod db_down;
mod goals;
mod mail;
mod matching;
mod migrations;
mod openapi;
mod options;
mod pages;
mod policy;
mod privacy;
mod proposals;
mod session;
mod transfer;
mod wheel;
