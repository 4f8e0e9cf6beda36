/**
 * What a notebook sees, and all it imports of the workbench: the {@link io.workbench.ext.Notebook} facade
 * ({@code spark}, {@code kafka}, {@code events}, {@code streams}, {@code display}) and the types it hands out. The
 * runtime behind it lives in the sub-packages, which notebooks do not import.
 */
package io.workbench.ext;
