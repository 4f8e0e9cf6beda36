document.getElementById("app").textContent = "Workbench";
