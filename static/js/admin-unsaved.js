// Leaving an admin add/change form with unsaved changes asks first (following a link,
// closing the tab, reloading). Saving the form does not ask.
//
// "Changed" means the form would now send something else than when the page opened, so
// typing a word and deleting it again does not count. The body editor writes its HTML
// into the form's textarea as it changes, so the editor's changes count too.
"use strict";
{
  const form = document.querySelector("body.change-form #content-main form[method=post]");

  function state() {
    const values = [];
    for (const [name, value] of new FormData(form)) {
      values.push([name, value instanceof File ? value.name : value]);
    }
    return JSON.stringify(values);
  }

  if (form) {
    const initial = state();
    let saving = false;
    form.addEventListener("submit", () => {
      saving = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (!saving && state() !== initial) {
        event.preventDefault();
        event.returnValue = ""; // older browsers
      }
    });
    // Back from a page the browser kept (bfcache): the form can be left again.
    window.addEventListener("pageshow", () => {
      saving = false;
    });
  }
}
