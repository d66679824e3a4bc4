// The admin in French where other scripts write English.
//
// - The body editor (django-prose-editor) hard-codes its toolbar's tooltips and its style
//   menu's entries in English; only its dialogs go through gettext. This puts the French
//   ones in, as the editor builds its toolbar (and clones buttons into the style menu).
// - Django's inlines.js labels its link "Ajouter un objet … supplémentaire"; the server
//   renders the correct French (newsroom/admin_titles.py) on this script's tag, put into each
//   inline's data here, before inlines.js reads it on DOMContentLoaded.
"use strict";
{
  const script = document.currentScript;

  const EDITOR_LABELS = {
    "paragraph": "Paragraphe",
    "Paragraph": "Paragraphe",
    "unordered list": "Liste à puces",
    "ordered list": "Liste numérotée",
    "blockquote": "Citation",
    "horizontal rule": "Ligne horizontale",
    "bold": "Gras",
    "italic": "Italique",
    "underline": "Souligné",
    "strike": "Barré",
    "subscript": "Indice",
    "superscript": "Exposant",
    "insert link": "Insérer un lien",
    "remove link": "Retirer le lien",
    "Insert table": "Insérer un tableau",
    "Add column": "Ajouter une colonne",
    "Delete column": "Supprimer la colonne",
    "Add row": "Ajouter une ligne",
    "Delete row": "Supprimer la ligne",
    "Merge cells": "Fusionner les cellules",
    "Split cell": "Scinder la cellule",
    "Toggle header cell": "Cellule d'en-tête ou non",
    "Delete table": "Supprimer le tableau",
    "undo": "Annuler",
    "redo": "Rétablir",
    "Code": "Code",
    "Code block": "Bloc de code",
    "edit HTML": "Modifier le HTML",
    "figure": "Figure",
    "Reset all classes": "Retirer tous les styles",
  };
  const HEADING = /^heading (\d)$/i;

  function french(text) {
    const heading = HEADING.exec(text);
    return heading ? `Titre ${heading[1]}` : EDITOR_LABELS[text];
  }

  function translateMenubar(bar) {
    for (const element of bar.querySelectorAll("[title], [aria-label]")) {
      for (const name of ["title", "aria-label"]) {
        const translated = french(element.getAttribute(name) || "");
        if (translated) element.setAttribute(name, translated);
      }
    }
    // The style menu's entries are text (a material icon's text is its glyph: left alone).
    for (const option of bar.querySelectorAll(".prose-menubar__option *:not(.material-icons)")) {
      for (const node of option.childNodes) {
        const translated = node.nodeType === Node.TEXT_NODE && french(node.data.trim());
        if (translated) node.data = translated;
      }
    }
  }

  if (document.documentElement.lang.startsWith("fr")
      && document.querySelector("[data-django-prose-editor-configurable], [data-django-prose-editor]")) {
    // The toolbar appears once the editor has started, and the style menu clones a button
    // into itself at each move of the cursor; typing in the text is not looked at.
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE) continue;
          const bar = node.closest(".prose-menubar") || node.querySelector(".prose-menubar");
          if (bar) translateMenubar(bar);
        }
      }
    }).observe(document.body, {childList: true, subtree: true});
    document.querySelectorAll(".prose-menubar").forEach(translateMenubar);
  }

  const addTexts = JSON.parse(script.dataset.inlineAddTexts || "{}");
  for (const group of document.querySelectorAll(".js-inline-admin-formset[data-inline-formset]")) {
    const data = JSON.parse(group.dataset.inlineFormset);
    const text = addTexts[data.options.prefix];
    if (text) {
      data.options.addText = text;
      group.dataset.inlineFormset = JSON.stringify(data);
    }
  }
}
