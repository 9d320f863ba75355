//! The single source of UI state: the pure reducer of `crate::state`, held by Yew's `use_reducer`, and
//! the contexts that hand it down without prop drilling.
//!
//! Two contexts: `Dispatch` never changes (so a row that only sends actions never re-renders because
//! of them), and `Lang` changes only when the language is switched. The state itself flows down as
//! props, wrapped in [`Ptr`] so that an unchanged part compares equal in one pointer comparison.

use crate::state::{Action, AppState, Lang};
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// `AppState` as a Yew reducible.
#[derive(PartialEq)]
pub struct Store(pub AppState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Store(self.0.reduce(action)))
    }
}

/// Sends actions to the store. Stable across renders.
pub type Dispatch = UseReducerDispatcher<Store>;

/// The dispatcher, from the context the app provides. Every component is rendered under the app's
/// provider, so the fallback (a dispatcher that goes nowhere) is never used in practice.
#[hook]
pub fn use_dispatch() -> Option<Dispatch> {
    use_context::<Dispatch>()
}

#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Shared data compared by identity: equal when it is the very same allocation. The state replaces
/// what changes and keeps what does not, so this is exact and costs one comparison.
pub struct Ptr<T>(pub Rc<T>);

impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(self.0.clone())
    }
}

impl<T> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Ptr<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Ptr<T> {
    fn from(r: Rc<T>) -> Self {
        Ptr(r)
    }
}
