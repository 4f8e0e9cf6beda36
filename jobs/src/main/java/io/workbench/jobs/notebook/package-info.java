/** Reading notebooks (nbformat 4): their cells, tags, headings and revision. */
package io.workbench.jobs.notebook;
