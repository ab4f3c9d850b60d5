//! Kith's integration tests: one binary, so they compile once. Every test that touches the
//! database runs on SQLite and on PostgreSQL (`db_test!`).

mod access;
mod accessibility;
mod allocation;
mod audit;
mod audit_view;
mod bad_input;
mod browser;
mod browser_filters;
mod browser_language;
mod browser_plan;
mod bulk;
mod calendar;
mod children;
mod credentials;
mod dashboard;
mod dates;
mod db_down;
mod forgery;
mod goals;
mod language;
mod mail;
mod matching;
mod migrations;
mod openapi;
mod options;
mod oracles;
mod pages;
mod perimeter;
mod policy;
mod privacy;
mod proposals;
mod session;
mod throttle;
mod transfer;
mod wheel;
