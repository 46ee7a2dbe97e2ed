; Inno Setup script for Hearth: a per-user install (no administrator rights) of the
; one-folder bundle, with a Start menu entry and an uninstaller.
; packaging/build.py runs: iscc /DAppVersion=X /DSourceDir=dist\hearth /DOutputDir=dist hearth.iss

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=1.2.3 ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\hearth"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; A fixed id ties upgrades and the uninstaller to the same installation.
AppId={{7D3C2B9E-4F61-4C8A-9E0B-5A1F2D6C8E47}
AppName=Hearth
AppVersion={#AppVersion}
AppVerName=Hearth {#AppVersion}
AppPublisher=Hearth developers
; "lowest" installs for the current user only: {autopf} becomes %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Hearth
DefaultGroupName=Hearth
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\hearth.exe
UninstallDisplayName=Hearth
OutputDir={#OutputDir}
OutputBaseFilename=hearth-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Hearth"; Filename: "{app}\hearth.exe"; Comment: "Guides, a calendar for quality time and a private journal"
Name: "{autodesktop}\Hearth"; Filename: "{app}\hearth.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\hearth.exe"; Description: "{cm:LaunchProgram,Hearth}"; Flags: nowait postinstall skipifsilent

; The user's data folder (%APPDATA%\hearth) is left alone on uninstall: journals are theirs.
