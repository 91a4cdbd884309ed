@echo off
rem The pyrolab command on Windows: finds its installation and the Java to run it with.
rem No ( ) blocks around expanded paths: a ")" in "Program Files (x86)" would end the block.
setlocal
set "PYROLAB_INSTALL=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if defined JAVA_HOME if not exist "%JAVA%" goto badJavaHome
"%JAVA%" -version >nul 2>&1
if errorlevel 1 goto noJava
rem Java 17 or newer prints version "17..." up to "99..."; 1.8 and 11 match neither
"%JAVA%" -version 2>&1 | findstr /r /c:"version \"1[7-9]" /c:"version \"[2-9][0-9]" >nul
if errorlevel 1 goto oldJava
set "OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
echo %* | findstr /c:"--foreground" >nul && set "OPTS=-Xss512k -Xms32m -Xmx512m -XX:+UseSerialGC -XX:-UsePerfData -Djava.util.logging.manager=org.pyrolab.launcher.DaemonLog$Manager"
"%JAVA%" %OPTS% %PYROLAB_JAVA_OPTS% -cp "%PYROLAB_INSTALL%\lib\*" org.pyrolab.launcher.Main %*
exit /b %ERRORLEVEL%

:badJavaHome
echo pyrolab: JAVA_HOME is "%JAVA_HOME%", which has no bin\java.exe; set JAVA_HOME to a Java 17+ installation or remove it to use java on the PATH 1>&2
exit /b 1

:noJava
echo pyrolab: Java was not found; install Java 17 or newer, or set JAVA_HOME to a Java 17+ installation 1>&2
exit /b 1

:oldJava
echo pyrolab: the Java at "%JAVA%" is older than 17; PyroLab needs Java 17 or newer (set JAVA_HOME to one) 1>&2
exit /b 1
