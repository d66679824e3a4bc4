// Under the article's body: « 312 mots · 2 min de lecture », as the editor types, by the
// server's rule (newsroom/articles/rules.py: tags become spaces, words are what whitespace
// separates, 230 words a minute rounded up, 0 for an empty text). The words come from this
// script's tag, translated by the template. Other pages have no such field: nothing happens.
"use strict";
{
  const WORDS_PER_MINUTE = 230;
  const strings = document.currentScript.dataset;
  const body = document.querySelector("body.model-article.change-form textarea#id_body");

  function plainText(html) {
    const text = html.replace(/<[^>]*>/g, " ");
    // Only entities remain to decode; a parsed document runs no script.
    return new DOMParser().parseFromString(text, "text/html").documentElement.textContent;
  }

  if (body) {
    const lang = document.documentElement.lang || "fr";
    const plural = new Intl.PluralRules(lang);
    const number = new Intl.NumberFormat(lang);
    const output = document.createElement("p");
    output.className = "help word-count";
    output.setAttribute("aria-live", "polite");
    // Below the field's row (the editor moves the textarea into its own box, in that row).
    (body.closest(".flex-container") || body).after(output);

    const show = () => {
      const words = plainText(body.value).split(/\s+/).filter(Boolean).length;
      const minutes = words ? Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)) : 0;
      const wordsText = (plural.select(words) === "one" ? strings.wordsOne : strings.wordsOther)
        .replace("%(count)s", number.format(words));
      output.textContent = `${wordsText} · ${strings.reading.replace("%(minutes)s", minutes)}`;
    };
    body.addEventListener("input", show);
    show();
  }
}
