package io.workbench.jobs.analysis;

import io.workbench.jobs.ExportProblem;
import io.workbench.jobs.notebook.Headings;
import io.workbench.jobs.notebook.Notebook;
import io.workbench.jobs.notebook.NotebookCell;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.ImportSnippet;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * Takes a notebook apart for its Java class (docs/jobs.md, "Cells become Java"): every kept code cell is split
 * into snippets and compiled into an {@link AnalysisShell} in notebook order, so later cells see earlier
 * declarations and JShell infers each variable's type as the kernel would. Cells tagged {@code exploration} are
 * not compiled at all. Each snippet is sorted by JShell's own kind into imports, members (methods, nested types),
 * fields and {@code run} code; JShell-only constructs ({@code %} magics, {@code /} commands, a method or type defined
 * twice, a variable declared again with another type) are reported as problems, never changed silently.
 *
 * <p>Not thread-safe; one analyzer analyses one notebook.
 */
public final class CellAnalyzer {
    private final AnalysisShell shell;
    private final Set<String> imports;
    private final Declarations declarations = new Declarations();
    private final Variables variables = new Variables(declarations);
    private final Members members;
    private final ReportBuilder report = new ReportBuilder();
    private final List<ExportProblem> problems = new ArrayList<>();

    /** @param className the generated class's simple name, which no cell may declare */
    public CellAnalyzer(AnalysisShell shell, List<String> defaultImports, String className) {
        this.shell = shell;
        this.imports = new LinkedHashSet<>(defaultImports);
        this.members = new Members(declarations, className);
    }

    public NotebookPlan analyze(Notebook notebook) {
        Headings headings = Headings.of(notebook);
        List<NotebookPlan.CellCode> cells = new ArrayList<>();
        String paramsCell = null;
        for (NotebookCell cell : notebook.codeCells()) {
            String heading = headings.above(cell.id());
            report.cell(cell.id(), heading);
            boolean params = cell.hasTag(NotebookCell.PARAMETERS);
            if (cell.hasTag(NotebookCell.EXPLORATION)) {
                report.leftOut(cell.id(), "tagged exploration");
                if (params) {
                    problems.add(ExportProblem.at(cell.id(), 0, "tagged both parameters and exploration: a job's"
                            + " parameters cannot be left out. Remove one of the tags."));
                }
                continue;
            }
            if (params && paramsCell != null) {
                problems.add(ExportProblem.at(cell.id(), 0, "a second cell tagged parameters (the first is " + paramsCell
                        + "): a notebook has one."));
                continue;
            }
            paramsCell = params ? cell.id() : paramsCell;
            CellWork work = new CellWork(cell, heading, report, problems);
            List<Segment> segments = shell.split(cell.source());
            for (int i = 0; i < segments.size(); i++) {
                if (!segment(work, segments.get(i), params, i == segments.size() - 1)) {
                    break;
                }
            }
            if (params) {
                report.changed(cell.id(), "its declarations are the job's parameters (record Params)");
            }
            cells.add(work.code());
        }
        NotebookPlan.Params p = paramsCell == null ? NotebookPlan.Params.NONE
                : new NotebookPlan.Params(paramsCell, variables.params);
        return new NotebookPlan(new ArrayList<>(imports), p, variables.fields, cells, report, problems);
    }

    /** Analyses one snippet; false when the rest of the cell cannot be analysed after it. */
    private boolean segment(CellWork work, Segment seg, boolean params, boolean last) {
        String src = seg.source();
        int code = Sources.firstCode(src);
        int at = seg.start() + code;
        if (Sources.isMagicOrCommand(src, code)) {
            String first = src.substring(code).lines().findFirst().orElse("").strip();
            work.problem(at, "`" + first + "` is " + (src.charAt(code) == '%' ? "a magic" : "a JShell command")
                    + ", which only a notebook's kernel understands: a job cannot run it. Remove it, or move it to a"
                    + " cell tagged exploration.");
            return false;
        }
        List<SnippetEvent> events = shell.eval(src).stream().filter(e -> e.causeSnippet() == null).toList();
        boolean rejected = false;
        for (SnippetEvent e : events) {
            if (e.status() == Snippet.Status.REJECTED) {
                rejected = true;
                compileErrors(work, seg, e.snippet());
            }
        }
        if (rejected || events.isEmpty()) {
            return false;
        }
        List<VarSnippet> declared = events.stream().map(SnippetEvent::snippet)
                .filter(s -> s instanceof VarSnippet && s.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .map(VarSnippet.class::cast).toList();
        if (!declared.isEmpty()) {
            variables.declare(work, seg, declared, params);
            return true;
        }
        Snippet s = events.get(0).snippet();
        if (params) {
            work.problem(at, "the parameters cell holds declarations only (`Type name = default;`), as papermill's"
                    + " convention has it: move this to another cell.");
            return true;
        }
        switch (s.kind()) {
            case IMPORT -> {
                ImportSnippet i = (ImportSnippet) s;
                imports.add("import " + (i.isStatic() ? "static " : "") + i.fullname() + ";");
                work.keptElsewhere();
            }
            case TYPE_DECL -> members.member(work, seg, at, ((TypeDeclSnippet) s).name(), null);
            case METHOD -> members.member(work, seg, at, ((MethodSnippet) s).name(), ((MethodSnippet) s).parameterTypes());
            case STATEMENT -> work.keep(work.fragment(seg, src), false);
            case VAR, EXPRESSION -> Expressions.expression(work, seg, at, last,
                    s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND);
            default -> work.problem(at, "this code cannot be compiled");
        }
        return true;
    }

    private void compileErrors(CellWork work, Segment seg, Snippet snippet) {
        var errors = shell.errors(snippet);
        if (errors.isEmpty()) {
            work.problem(seg.start(), "this code cannot be compiled");
        }
        for (var d : errors) {
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            work.problem(seg.start() + (int) Math.max(0, Math.min(pos, seg.source().length())),
                    AnalysisShell.message(d));
        }
    }
}
