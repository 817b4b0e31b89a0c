; Inno Setup script for the Windows installer. Build on Windows after `make dist`
; has produced dist\drug-guide\ there:
;   iscc /DAppVersion=0.1.0 packaging\drug-guide.iss
; Output: dist\DrugGuideSetup-<version>.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1F3E0B-5D8A-4B7E-9C52-2A4E7D1B9F10}
AppName=Drug Guide
AppVersion={#AppVersion}
AppPublisher=Drug Guide team
DefaultDirName={autopf}\Drug Guide
DefaultGroupName=Drug Guide
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=DrugGuideSetup-{#AppVersion}
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\drug-guide.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog

[Files]
Source: "..\dist\drug-guide\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Where IT drops content packs for every user of the machine.
Name: "{commonappdata}\DrugGuide\Drug Guide\content"

[Icons]
Name: "{group}\Drug Guide"; Filename: "{app}\drug-guide.exe"
Name: "{autodesktop}\Drug Guide"; Filename: "{app}\drug-guide.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\drug-guide.exe"; Description: "Start Drug Guide"; Flags: nowait postinstall skipifsilent
