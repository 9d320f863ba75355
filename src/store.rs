//! The single source of UI state: the pure reducer of `ziping_app_state`, held by Yew's `use_reducer`, and
//! the contexts that hand it down without prop drilling.
//!
//! Two contexts: `Dispatch` never changes (so a row that only sends actions never re-renders because
//! of them), and `Lang` changes only when the language is switched. The state itself flows down as
//! props, wrapped in [`Ptr`] so that an unchanged part compares equal in one pointer comparison.

use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;
use ziping_app_state::{Action, AppState, Lang};

/// `AppState` as a Yew reducible.
#[derive(PartialEq)]
pub struct Store(pub AppState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Should the app stop while applying an edit, the recovery screen still offers it.
        crate::recovery::before(&action);
        #[cfg(feature = "panic-test")]
        crate::recovery::stop_if_asked();
        let next = self.0.reduce(action);
        crate::recovery::after(&next);
        // The form and evaluation a change replaces are freed once the page is idle, not between
        // the keystroke and its paint: freeing a form of a thousand rows and its evaluation takes
        // longer than a frame's worth of the budget.
        if let Some(old) = &self.0.doc {
            let kept = next.doc.as_ref().is_some_and(|d| {
                Rc::ptr_eq(&d.form, &old.form) && Rc::ptr_eq(&d.evaluation, &old.evaluation)
            });
            if !kept {
                drop_when_idle((old.form.clone(), old.evaluation.clone()));
            }
        }
        Rc::new(Store(next))
    }
}

thread_local! {
    static TO_DROP: std::cell::RefCell<Vec<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// At most this many values wait to be dropped; beyond it the oldest is dropped at once.
const TO_DROP_MAX: usize = 16;

/// Drops `value` when the browser is next idle (`requestIdleCallback`, or 50 ms later where there
/// is none), so that freeing large replaced values does not delay the next frame.
fn drop_when_idle<T: 'static>(value: T) {
    let first = TO_DROP.with(|q| {
        let mut q = q.borrow_mut();
        q.push(Box::new(value));
        if q.len() > TO_DROP_MAX {
            q.remove(0);
        }
        q.len() == 1
    });
    if !first {
        return;
    }
    let Some(window) = web_sys::window() else {
        TO_DROP.with(|q| q.borrow_mut().clear());
        return;
    };
    let run = wasm_bindgen::closure::Closure::once_into_js(|| {
        let values = TO_DROP.with(|q| std::mem::take(&mut *q.borrow_mut()));
        drop(values);
    });
    let run: &js_sys::Function = wasm_bindgen::JsCast::unchecked_ref(&run);
    if window.request_idle_callback(run).is_err()
        && window
            .set_timeout_with_callback_and_timeout_and_arguments_0(run, 50)
            .is_err()
    {
        TO_DROP.with(|q| q.borrow_mut().clear());
    }
}

/// Sends actions to the store. Stable across renders.
pub type Dispatch = UseReducerDispatcher<Store>;

/// Sends an action of any concern (`DocAction`, `RowAction` …) to the store.
pub trait Act {
    fn act(&self, action: impl Into<Action>);
}

impl Act for Dispatch {
    fn act(&self, action: impl Into<Action>) {
        self.dispatch(action.into());
    }
}

/// Sends actions from a component: directly (`act`), or as the callback of a button (`click`).
#[derive(Clone)]
pub struct Sender(Option<Dispatch>);

impl Sender {
    pub fn act(&self, action: impl Into<Action>) {
        if let Some(d) = &self.0 {
            d.dispatch(action.into());
        }
    }

    /// A click handler that sends the action `make` gives (made anew on each click, so that actions
    /// need not be cloned).
    pub fn click<A: Into<Action>>(&self, make: impl Fn() -> A + 'static) -> Callback<MouseEvent> {
        let sender = self.clone();
        Callback::from(move |_: MouseEvent| sender.act(make()))
    }
}

impl From<Dispatch> for Sender {
    fn from(d: Dispatch) -> Sender {
        Sender(Some(d))
    }
}

/// The sender of the app's store, from the context the app provides.
#[hook]
pub fn use_sender() -> Sender {
    Sender(use_context::<Dispatch>())
}

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

/// The page's language and its words.
#[hook]
pub fn use_words() -> (Lang, &'static crate::i18n::Words) {
    let lang = use_lang();
    (lang, crate::i18n::words(lang))
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

/// `value` behind an `Rc` that stays the same from render to render while the value is equal, so
/// that a prop made of it compares by identity (one pointer comparison) in the components below.
/// Costs one comparison with the last value per render, and a clone only when it changed.
#[hook]
pub fn use_stable<T>(value: &T) -> Ptr<T>
where
    T: PartialEq + Clone + 'static,
{
    let last = use_mut_ref(|| None::<Rc<T>>);
    let mut last = last.borrow_mut();
    match &*last {
        Some(rc) if **rc == *value => Ptr(rc.clone()),
        _ => {
            let rc = Rc::new(value.clone());
            *last = Some(rc.clone());
            Ptr(rc)
        }
    }
}

impl<T> From<Rc<T>> for Ptr<T> {
    fn from(r: Rc<T>) -> Self {
        Ptr(r)
    }
}
