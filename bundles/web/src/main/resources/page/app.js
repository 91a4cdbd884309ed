// placeholder: the page's script is written with the page (docs/web.md, "The page")
fetch("/api/daemon").then(r => r.json()).then(d => {
  document.getElementById("status").textContent = "Daemon " + d.version + ", pid " + d.pid;
});
