//! The state every handler receives.

use std::sync::Arc;

use kith_app::App;

use crate::Settings;

/// The app context and the server settings, shared cheaply.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    app: App,
    settings: Settings,
}

impl AppState {
    /// Assembles the state.
    pub fn new(app: App, settings: Settings) -> Self {
        Self(Arc::new(Inner { app, settings }))
    }

    /// The use cases' context.
    pub fn app(&self) -> &App {
        &self.0.app
    }

    /// The server settings.
    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }
}
