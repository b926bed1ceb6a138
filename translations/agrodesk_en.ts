<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms only: the source strings are English; Qt picks "1 photo" or
     "2 photos" from here (Qt docs, "Handling Plurals"). Add a message whenever a tr() with
     %n is added; a missing one shows its "(s)" form. -->
<TS version="2.1" language="en">
<context>
    <name>agro::ui::QualityPage</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>agro::ui::QcFormEditorDialog</name>
    <message numerus="yes">
        <source>The form is valid: %n field(s)</source>
        <translation>
            <numerusform>The form is valid: %n field</numerusform>
            <numerusform>The form is valid: %n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n rule(s).</source>
        <translation>
            <numerusform>, %n rule.</numerusform>
            <numerusform>, %n rules.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>agro::ui::NewLotDialog</name>
    <message numerus="yes">
        <source>%n day(s) of shelf life</source>
        <translation>
            <numerusform>%n day of shelf life</numerusform>
            <numerusform>%n days of shelf life</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>agro::ui::InspectionForm</name>
    <message numerus="yes">
        <source>%n field(s) still to complete or correct</source>
        <translation>
            <numerusform>%n field still to complete or correct</numerusform>
            <numerusform>%n fields still to complete or correct</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>agro::ui::SignInDialog</name>
    <message numerus="yes">
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong passwords. Try again in %n second.</numerusform>
            <numerusform>Too many wrong passwords. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
