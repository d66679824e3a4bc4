// The article form keeps a copy of its title and body every 30 seconds while they differ
// from what was last kept (no version is made: newsroom/articles/editing.py), and shows
// who else has the article open. The copy is offered back when the form is opened again.
"use strict";
{
  const status = document.getElementById("autosave-status");
  const form = document.getElementById("article_form");
  const EVERY_MS = 30000;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
  }

  if (status && form) {
    const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const field = (name) => form.querySelector(`[name=${name}]`);
    const current = () => ({ title: field("title").value, body: field("body").value });
    let kept = JSON.stringify(current());

    async function keep() {
      const now = current();
      if (JSON.stringify(now) === kept) return;
      const data = new FormData();
      data.append("title", now.title);
      data.append("body", now.body);
      try {
        const response = await fetch(status.dataset.url, {
          method: "POST",
          body: data,
          headers: { "X-CSRFToken": csrf },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        kept = JSON.stringify(now);
        status.textContent = fill(status.dataset.saved, { time: answer.saved_at });
        const others = document.getElementById("also-editing");
        if (others && answer.others.length) {
          const template = answer.others.length > 1 ? status.dataset.othersMany : status.dataset.othersOne;
          others.textContent = fill(template, { names: answer.others.join(", ") });
          others.hidden = false;
        }
      } catch (error) {
        status.textContent = status.dataset.failed;
      }
    }

    setInterval(keep, Number(status.dataset.every || EVERY_MS));
  }
}
