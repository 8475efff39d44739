//! One integration test binary. Modules mirror the surface: pages, the JSON API, the
//! feedback form, the database (SQLite and PostgreSQL), and the knowledge base.

mod api;
mod architecture;
mod check;
mod concurrency;
mod content;
mod database;
mod feedback;
mod hostile;
mod links;
mod pages;
mod portal;
mod relevance;
mod rollups;
mod searchindex;
mod seo;
mod service;
mod support;
mod wizards;
