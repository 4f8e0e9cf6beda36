"""Jupyter's own kernel test suite (jupyter_kernel_test) against the workbench-java kernel.

Run by JupyterConformanceIT with JUPYTER_PATH pointing at a directory that holds the kernelspec.
"""
import unittest

import jupyter_kernel_test


class WorkbenchJavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "workbench-java"
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("this goes to stderr");'

    completion_samples = [
        {"text": "System.currentTimeMilli", "matches": {"currentTimeMillis()"}},
        {"text": "Math.flo", "matches": {"floor(", "floorDiv(", "floorMod("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "class A {}", "void f() {\n  return;\n}"]
    incomplete_code_samples = ["int x = (", "class B {", "void g() {\n  int y = 1;"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".toUpperCase()', "result": '"ABC"'},
        {"code": "spark.range(5).count()", "result": "5"},
    ]

    code_display_data = [
        {"code": 'display(java.util.Map.of("a", 1));', "mime": "text/plain"},
        {"code": "display(spark.range(3));", "mime": "text/html"},
    ]

    code_inspect_sample = "String.valueOf"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main(verbosity=2)
