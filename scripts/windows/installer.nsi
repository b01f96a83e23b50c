; Entraide's per-user installer: no administrator rights, into the user's own programs
; folder, with a Start-menu entry and an optional desktop shortcut. The uninstaller keeps
; the data (%AppData%\Entraide). Built by scripts/build-windows.sh, which defines
; VERSION, VERSION4, BINDIR and OUTFILE.
Unicode true
Target amd64-unicode   ; the default 32-bit stub does nothing under a 64-bit-only Wine
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"

Name "Entraide"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Entraide"
InstallDirRegKey HKCU "Software\Entraide" "InstallDir"
BrandingText "Entraide ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=1036 "ProductName" "Entraide"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation d'Entraide"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "Entraide"

!define MUI_ICON "${BINDIR}\entraide.ico"
!define MUI_UNICON "${BINDIR}\entraide.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Entraide sert aux associations d'aide alimentaire : inscrire les foyers, enregistrer chaque distribution, envoyer les chiffres au CCAS, sans connexion internet.$\r$\n$\r$\nIl s'installe pour vous seul, sans droits d'administrateur.$\r$\n$\r$\nCliquez sur Suivant pour continuer."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\entraide.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer Entraide maintenant"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Entraide va être retiré de cet ordinateur. Les données (foyers, passages, sauvegardes) sont gardées dans le dossier Entraide de vos données d'application : une nouvelle installation les retrouvera."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Entraide"

Section "Entraide" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${BINDIR}\entraide.exe"
  File "${BINDIR}\entraidectl.exe"
  File "${BINDIR}\entraide.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\Entraide"
  CreateShortcut "$SMPROGRAMS\Entraide\Entraide.lnk" "$INSTDIR\entraide.exe" "" "$INSTDIR\entraide.ico"
  CreateShortcut "$SMPROGRAMS\Entraide\Désinstaller Entraide.lnk" "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\Entraide" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Entraide"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Entraide"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\entraide.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Raccourci sur le Bureau" SecDesktop
  CreateShortcut "$DESKTOP\Entraide.lnk" "$INSTDIR\entraide.exe" "" "$INSTDIR\entraide.ico"
SectionEnd

LangString DESC_SecMain ${LANG_FRENCH} "Le programme Entraide et entraidectl, son outil en ligne de commande."
LangString DESC_SecDesktop ${LANG_FRENCH} "Une icône Entraide sur le Bureau, pour le retrouver d'un coup d'œil."
!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} $(DESC_SecMain)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(DESC_SecDesktop)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  Delete "$INSTDIR\entraide.exe"
  Delete "$INSTDIR\entraidectl.exe"
  Delete "$INSTDIR\entraide.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Entraide\Entraide.lnk"
  Delete "$SMPROGRAMS\Entraide\Désinstaller Entraide.lnk"
  RMDir "$SMPROGRAMS\Entraide"
  Delete "$DESKTOP\Entraide.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Entraide"
  ; The data folder (%AppData%\Entraide) is kept on purpose.
SectionEnd
