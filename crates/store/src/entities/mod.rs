//! SeaORM entities: private to the store crate; the API has its own types. A vocabulary column
//! holds a [`Name`](crate::vocabulary::Name): read back into its enum, or an error.

mod accounts;
mod importing;
mod records;
mod reference;
mod register;

pub use accounts::*;
pub use importing::*;
pub use records::*;
pub use reference::*;
pub use register::*;
