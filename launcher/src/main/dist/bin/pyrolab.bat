@echo off
rem The pyrolab command on Windows: finds its installation and the Java to run it with.
setlocal
set "PYROLAB_INSTALL=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo pyrolab: Java was not found; install Java 17 or newer, or set JAVA_HOME to a Java 17+ installation 1>&2
  exit /b 1
)
set "OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
echo %* | findstr /c:"--foreground" >nul && set "OPTS=-Xss512k -Xmx512m -XX:+UseSerialGC -XX:-UsePerfData"
"%JAVA%" %OPTS% %PYROLAB_JAVA_OPTS% -cp "%PYROLAB_INSTALL%\lib\*" org.pyrolab.launcher.Main %*
exit /b %ERRORLEVEL%
